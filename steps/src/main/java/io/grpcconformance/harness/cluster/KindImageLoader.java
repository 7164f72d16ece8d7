package io.grpcconformance.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * Loads local Docker images into every node of a KIND cluster with {@code kind load docker-image}; when that
 * fails (Docker's containerd image store, kind#3795) it retries with {@code docker save --platform} and
 * {@code kind load image-archive}, as lab/load-images.sh does.
 */
public final class KindImageLoader {
  private static final Logger LOG = Logger.getLogger(KindImageLoader.class.getName());

  private final CommandRunner runner;
  private final String cluster;
  private final String platform;

  public KindImageLoader(CommandRunner runner, String cluster, String platform) {
    this.runner = runner;
    this.cluster = cluster;
    this.platform = platform;
  }

  /** Loads one image; throws {@link ImageImportException} naming the image and the failing command. */
  public void load(String image) {
    ExecOutcome direct = runner.run(ImageImportCommands.kindLoadDockerImage(image, cluster));
    if (direct.succeeded()) {
      return;
    }
    LOG.info(() -> "kind load docker-image " + image + " failed (" + direct.firstErrorLine()
        + "); retrying through an image archive");
    Path dir = null;
    try {
      dir = Files.createTempDirectory("grpc-conformance-kind");
      String archive = dir.resolve(ImageRef.parse(image).fileName() + ".tar").toString();
      check(image, ImageImportCommands.dockerSave(platform, archive, image));
      check(image, ImageImportCommands.kindLoadImageArchive(archive, cluster));
    } catch (IOException e) {
      throw new UncheckedIOException("loading " + image + ": cannot create a temporary directory", e);
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          LOG.fine(() -> "cannot delete " + e.getMessage());
        }
      }
    }
  }

  private void check(String image, List<String> command) {
    ExecOutcome outcome = runner.run(command);
    if (!outcome.succeeded()) {
      throw new ImageImportException("loading " + image + " into kind cluster " + cluster + " failed: `"
          + String.join(" ", command) + "` exited " + outcome.exitCode() + ": " + outcome.firstErrorLine());
    }
  }
}
