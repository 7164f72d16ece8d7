package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageImportCommandsTest {
  @Test
  void k3sImportUsesTheKubeletNamespaceAndOnePlatform() {
    assertThat(ImageImportCommands.ctrImport("linux/amd64", "/tmp/grpc-conformance-images/x.tar"))
        .containsExactly("ctr", "-n", "k8s.io", "images", "import", "--platform", "linux/amd64",
            "/tmp/grpc-conformance-images/x.tar");
    assertThat(ImageImportCommands.ctrList()).containsExactly("ctr", "-n", "k8s.io", "images", "ls", "-q");
    assertThat(ImageImportCommands.archivePathInContainer(ImageRef.parse("grpc-conformance/gateway:0.1.0")))
        .isEqualTo("/tmp/grpc-conformance-images/grpc-conformance_gateway_0.1.0.tar");
  }

  @Test
  void kindCommandsNameTheCluster() {
    assertThat(ImageImportCommands.kindLoadDockerImage("grpc-conformance/gateway:0.1.0", "devops"))
        .containsExactly("kind", "load", "docker-image", "grpc-conformance/gateway:0.1.0", "--name", "devops");
    assertThat(ImageImportCommands.dockerSave("linux/arm64", "/tmp/a.tar", "grpc-conformance/gateway:0.1.0"))
        .containsExactly("docker", "save", "--platform", "linux/arm64", "-o", "/tmp/a.tar", "grpc-conformance/gateway:0.1.0");
    assertThat(ImageImportCommands.kindLoadImageArchive("/tmp/a.tar", "devops"))
        .containsExactly("kind", "load", "image-archive", "/tmp/a.tar", "--name", "devops");
  }

  @Test
  void platformsFollowDockersArchitectureNames() {
    assertThat(ImageImportCommands.platform("x86_64")).isEqualTo("linux/amd64");
    assertThat(ImageImportCommands.platform("aarch64")).isEqualTo("linux/arm64");
    assertThat(ImageImportCommands.platform("arm64")).isEqualTo("linux/arm64");
    assertThat(ImageImportCommands.platform("s390x")).isEqualTo("linux/s390x");
    assertThatThrownBy(() -> ImageImportCommands.platform(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void imageReferencesSplitAtTheTagNotAtARegistryPort() {
    assertThat(ImageRef.parse("grpc-conformance/gateway:0.1.0"))
        .isEqualTo(new ImageRef("grpc-conformance/gateway", "0.1.0"));
    assertThat(ImageRef.parse("localhost:5000/gateway")).isEqualTo(new ImageRef("localhost:5000/gateway", "latest"));
    assertThat(ImageRef.parse("localhost:5000/gateway:1")).isEqualTo(new ImageRef("localhost:5000/gateway", "1"));
    assertThatThrownBy(() -> ImageRef.parse("a@sha256:00")).hasMessageContaining("repository:tag");
  }

  @Test
  void containerdNamesAreDockerNormalised() {
    assertThat(ImageRef.parse("grpc-conformance/gateway:0.1.0").containerdName())
        .isEqualTo("docker.io/grpc-conformance/gateway:0.1.0");
    assertThat(ImageRef.parse("busybox:1.37").containerdName()).isEqualTo("docker.io/library/busybox:1.37");
    assertThat(ImageRef.parse("quay.io/calico/node:v3.32.1").containerdName()).isEqualTo("quay.io/calico/node:v3.32.1");
    assertThat(ImageRef.parse("localhost:5000/gw:1").containerdName()).isEqualTo("localhost:5000/gw:1");
  }
}
