package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class K3sImageImporterTest {
  private static final String IMAGE = "grpc-conformance/sample-services:0.1.0";
  private static final String IN_CONTAINER = "/tmp/grpc-conformance-images/grpc-conformance_sample-services_0.1.0.tar";

  /** Records every call; answers ctr with the configured outcomes. */
  static final class FakeShell implements ContainerShell {
    final List<String> calls = new ArrayList<>();
    final List<String> copiedContents = new ArrayList<>();
    ExecOutcome importOutcome = new ExecOutcome(0, "unpacking docker.io/grpc-conformance/sample-services:0.1.0...done", "");
    String listed = "docker.io/rancher/mirrored-pause:3.6\ndocker.io/grpc-conformance/sample-services:0.1.0\n";

    @Override
    public void copyToContainer(Path hostFile, String containerPath) {
      calls.add("copy " + containerPath);
      try {
        copiedContents.add(Files.readString(hostFile));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public ExecOutcome exec(List<String> command) {
      calls.add(String.join(" ", command));
      if (command.contains("import")) {
        return importOutcome;
      }
      if (command.contains("ls")) {
        return new ExecOutcome(0, listed, "");
      }
      return new ExecOutcome(0, "", "");
    }
  }

  private final List<String> saved = new ArrayList<>();
  private final ImageArchiver archiver = (image, target) -> {
    saved.add(image.toString());
    try {
      Files.writeString(target, "tar of " + image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  };

  @Test
  void savesCopiesImportsChecksAndCleansUp() {
    FakeShell shell = new FakeShell();

    new K3sImageImporter(archiver, shell, "linux/amd64").importImage(IMAGE);

    assertThat(saved).containsExactly(IMAGE);
    assertThat(shell.copiedContents).containsExactly("tar of " + IMAGE);
    assertThat(shell.calls).containsExactly(
        "copy " + IN_CONTAINER,
        "ctr -n k8s.io images import --platform linux/amd64 " + IN_CONTAINER,
        "ctr -n k8s.io images ls -q",
        "rm -f " + IN_CONTAINER);
  }

  @Test
  void aFailingImportIsAnErrorWithTheCommandExitCodeAndStderr() {
    FakeShell shell = new FakeShell();
    shell.importOutcome = new ExecOutcome(1, "", "ctr: content digest sha256:abc: not found\nmore");

    assertThatThrownBy(() -> new K3sImageImporter(archiver, shell, "linux/amd64").importImage(IMAGE))
        .isInstanceOf(ImageImportException.class)
        .hasMessage("importing " + IMAGE + " into k3s failed: `ctr -n k8s.io images import --platform linux/amd64 "
            + IN_CONTAINER + "` exited 1: ctr: content digest sha256:abc: not found");
    assertThat(shell.calls).last().isEqualTo("rm -f " + IN_CONTAINER);
  }

  @Test
  void anImportThatContainerdDoesNotListIsAnError() {
    FakeShell shell = new FakeShell();
    shell.listed = "docker.io/rancher/mirrored-pause:3.6\n";

    assertThatThrownBy(() -> new K3sImageImporter(archiver, shell, "linux/arm64").importImage(IMAGE))
        .hasMessage("importing " + IMAGE + " into k3s reported success but containerd does not list"
            + " docker.io/grpc-conformance/sample-services:0.1.0 (fix: check the image's platform is linux/arm64)");
  }

  @Test
  void aFailingSaveStopsBeforeAnythingIsCopied() {
    FakeShell shell = new FakeShell();
    ImageArchiver broken = (image, target) -> {
      throw new ImageImportException("docker save " + image + " failed: No such image");
    };

    assertThatThrownBy(() -> new K3sImageImporter(broken, shell, "linux/amd64").importImage(IMAGE))
        .hasMessage("docker save " + IMAGE + " failed: No such image");
    assertThat(shell.calls).containsExactly("rm -f " + IN_CONTAINER);
  }
}
