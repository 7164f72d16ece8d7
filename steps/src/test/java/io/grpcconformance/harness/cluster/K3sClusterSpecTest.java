package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class K3sClusterSpecTest {
  private static final List<String> MODULE_COMMAND = List.of("server", "--disable=traefik", "--tls-san=localhost");

  private final K3sClusterSpec spec =
      K3sClusterSpec.from(ClusterSettings.resolve(new SettingSource(Map.of(), new Properties())));

  @Test
  void keepsTheModuleCommandAndAppendsTheCalicoArguments() {
    assertThat(spec.serverCommand(MODULE_COMMAND)).containsExactly(
        "server", "--disable=traefik", "--tls-san=localhost",
        "--flannel-backend=none",
        "--disable-network-policy",
        "--cluster-cidr=10.42.0.0/16",
        "--disable=metrics-server",
        "--disable=servicelb",
        "--egress-selector-mode=disabled");
  }

  @Test
  void appendingTwiceAddsNothing() {
    List<String> once = spec.serverCommand(MODULE_COMMAND);
    assertThat(spec.serverCommand(once)).isEqualTo(once);
  }

  @Test
  void theClusterCidrDrivesBothK3sAndCalicosPool() {
    K3sClusterSpec custom = new K3sClusterSpec("rancher/k3s:v1.35.7-k3s1", "10.60.0.0/16", List.of(), Duration.ofMinutes(1));

    assertThat(custom.serverCommand(MODULE_COMMAND)).contains("--cluster-cidr=10.60.0.0/16")
        .doesNotContain("--cluster-cidr=10.42.0.0/16");
    assertThat(custom.calicoNodeEnv()).containsExactly(
        Map.entry("CALICO_IPV4POOL_CIDR", "10.60.0.0/16"),
        Map.entry("CALICO_IPV4POOL_IPIP", "Never"),
        Map.entry("CALICO_IPV4POOL_VXLAN", "Never"));
  }

  @Test
  void exposesTheGatewayNodePortsAndWaitsForK3sNotFlannel() {
    assertThat(spec.image()).isEqualTo("rancher/k3s:v1.36.4-k3s1");
    assertThat(spec.extraExposedPorts()).containsExactly(30080, 30051);
    assertThat(spec.startupTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat("time=\"2026-11-28T10:00:00Z\" level=info msg=\"k3s is up and running\"").matches(K3sClusterSpec.READY_LOG);
    assertThat("Node controller sync successful").doesNotMatch(K3sClusterSpec.READY_LOG);
  }
}
