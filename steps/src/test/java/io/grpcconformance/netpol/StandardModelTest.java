package io.grpcconformance.netpol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardModelTest {

  @Test
  void nineLabelledPodsServingNamedTcpPorts() {
    ClusterModel model = StandardModel.create();
    assertThat(model.podKeys())
        .containsExactly("x/a", "x/b", "x/c", "y/a", "y/b", "y/c", "z/a", "z/b", "z/c");
    PodInfo yb = model.pod("y/b").orElseThrow();
    assertThat(yb.labels()).isEqualTo(Map.of("pod", "b"));
    assertThat(yb.ports())
        .containsExactly(
            new PodPort("serve-80-tcp", 80, Protocol.TCP),
            new PodPort("serve-81-tcp", 81, Protocol.TCP));
    assertThat(model.namespaceLabels("z"))
        .isEqualTo(Map.of("ns", "z", "kubernetes.io/metadata.name", "z"));
    assertThat(model.namespaceLabels("elsewhere"))
        .isEqualTo(Map.of("kubernetes.io/metadata.name", "elsewhere"));
  }

  @Test
  void documentedFakeIps() {
    ClusterModel v4 = StandardModel.create();
    assertThat(v4.pods())
        .extracting(PodInfo::ip)
        .containsExactly(
            "172.17.0.10",
            "172.17.0.11",
            "172.17.0.12",
            "172.17.1.10",
            "172.17.1.11",
            "172.17.1.12",
            "172.18.0.10",
            "172.18.0.11",
            "172.18.0.12");
    ClusterModel v6 = StandardModel.create(IpFamily.IPV6);
    assertThat(v6.pod("x/a").orElseThrow().ip()).isEqualTo("fd00:172:17:0::10");
    assertThat(v6.pod("z/c").orElseThrow().ip()).isEqualTo("fd00:172:18:0::12");
  }

  @Test
  void extendAddsNamespacesAndPodsInOrder() {
    ClusterModel model =
        StandardModel.extend(
            IpFamily.IPV4,
            List.of(
                new NamespaceInfo("x", Map.of("team", "blue", "ns", "renamed")),
                new NamespaceInfo("myproject", Map.of("project", "myproject"))),
            List.of(
                new PodInfo("myproject", "client", Map.of(), "1.2.3.4", List.of()),
                new PodInfo("default", "db", Map.of("role", "db"), "1.2.3.4", List.of())));
    assertThat(model.podKeys()).endsWith("z/c", "default/db", "myproject/client");
    assertThat(model.pod("default/db").orElseThrow().ip()).isEqualTo("10.0.0.10");
    assertThat(model.pod("myproject/client").orElseThrow().ip()).isEqualTo("10.0.0.11");
    assertThat(model.namespaceLabels("x"))
        .containsEntry("team", "blue")
        .containsEntry("ns", "renamed")
        .containsEntry("kubernetes.io/metadata.name", "x");
    assertThat(model.namespaceLabels("myproject"))
        .isEqualTo(Map.of("project", "myproject", "kubernetes.io/metadata.name", "myproject"));
    assertThat(model.namespace("default")).isPresent();
  }

  @Test
  void metadataNameLabelCannotBeOverridden() {
    assertThat(new NamespaceInfo("y", Map.of("kubernetes.io/metadata.name", "x")).labels())
        .containsEntry("kubernetes.io/metadata.name", "y");
  }

  @Test
  void extraPodMayNotShadowAStandardPod() {
    assertThatThrownBy(
            () ->
                StandardModel.extend(
                    IpFamily.IPV4,
                    List.of(),
                    List.of(new PodInfo("x", "a", Map.of(), "0.0.0.0", List.of()))))
        .hasMessageContaining("x/a");
  }
}
