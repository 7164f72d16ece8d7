package io.grpcconformance.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

/**
 * Imports local Docker images into the containerd of a k3s container: {@code docker save} (docker-java) → copy
 * into the container → {@code ctr -n k8s.io images import}, with the exit code checked and the image then
 * looked up in {@code ctr images ls} (testcontainers-go ignores the exit code; cluster.md §1.5).
 */
public final class K3sImageImporter {
  private static final Logger LOG = Logger.getLogger(K3sImageImporter.class.getName());

  private final ImageArchiver archiver;
  private final ContainerShell shell;
  private final String platform;

  /**
   * @param platform the node's OCI platform, e.g. {@code linux/amd64} (see {@link ImageImportCommands#platform})
   */
  public K3sImageImporter(ImageArchiver archiver, ContainerShell shell, String platform) {
    this.archiver = archiver;
    this.shell = shell;
    this.platform = platform;
  }

  /** Imports one image; throws {@link ImageImportException} naming the image and the failing command. */
  public void importImage(String image) {
    ImageRef ref = ImageRef.parse(image);
    String inContainer = ImageImportCommands.archivePathInContainer(ref);
    Path archive = null;
    try {
      archive = Files.createTempFile("grpc-conformance-" + ref.fileName(), ".tar");
      archiver.save(ref, archive);
      shell.copyToContainer(archive, inContainer);
      List<String> importCommand = ImageImportCommands.ctrImport(platform, inContainer);
      ExecOutcome imported = shell.exec(importCommand);
      if (!imported.succeeded()) {
        throw new ImageImportException("importing " + image + " into k3s failed: `" + String.join(" ", importCommand)
            + "` exited " + imported.exitCode() + ": " + imported.firstErrorLine());
      }
      ExecOutcome listed = shell.exec(ImageImportCommands.ctrList());
      if (!listed.succeeded() || !lines(listed.stdout()).contains(ref.containerdName())) {
        throw new ImageImportException("importing " + image + " into k3s reported success but containerd does not list "
            + ref.containerdName() + " (fix: check the image's platform is " + platform + ")");
      }
      LOG.info(() -> "imported " + image + " into k3s (" + platform + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("importing " + image + ": cannot write a temporary archive", e);
    } finally {
      shell.exec(ImageImportCommands.removeArchive(inContainer));
      if (archive != null) {
        try {
          Files.deleteIfExists(archive);
        } catch (IOException e) {
          LOG.fine(() -> "cannot delete " + e.getMessage());
        }
      }
    }
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip).toList();
  }
}
