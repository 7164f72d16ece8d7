package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.harness.env.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindPortMappingsTest {
  @Test
  void theLabsClusterConfigMapsTheGatewayNodePortsAndIngressToLoopback() {
    KindPortMappings mappings = KindPortMappings.read(ProjectLayout.discover().kindClusterConfig());

    assertThat(mappings.map(GatewayNodePorts.PLAINTEXT)).contains(new Address("127.0.0.1", 50080));
    assertThat(mappings.map(GatewayNodePorts.TLS)).contains(new Address("127.0.0.1", 50051));
    assertThat(mappings.map(80)).contains(new Address("127.0.0.1", 80));
    assertThat(mappings.map(443)).contains(new Address("127.0.0.1", 443));
    assertThat(mappings.map(31000)).isEmpty();
  }

  @Test
  void udpMappingsAreIgnoredAndAnyAddressBecomesLoopback(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("kind.yaml"), """
        kind: Cluster
        apiVersion: kind.x-k8s.io/v1alpha4
        nodes:
          - role: control-plane
            extraPortMappings:
              - {containerPort: 30053, hostPort: 5353, protocol: UDP}
              - {containerPort: 30080, hostPort: 18080, listenAddress: "0.0.0.0"}
        """);

    KindPortMappings mappings = KindPortMappings.read(config);

    assertThat(mappings.map(30053)).isEmpty();
    assertThat(mappings.map(30080)).contains(new Address("127.0.0.1", 18080));
  }
}
