package io.grpcconformance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedding API in Kubernetes mode against the mock API server, data plane faked. */
@EnableKubernetesMockClient(crud = true)
class EmbeddedGatewayKubernetesTest {
  static {
    QuietMockServer.install();
  }

  private static final Duration WAIT = Duration.ofSeconds(15);

  KubernetesClient client;

  private Gateway gateway(int port) {
    return new GatewayBuilder().withNewMetadata().withName("gw").withNamespace("apps")
        .endMetadata().withNewSpec().withGatewayClassName("grpc-conformance")
        .addNewListener().withName("grpc").withPort(port).withProtocol("HTTP").endListener()
        .endSpec().build();
  }

  @Test
  void objectsInTheCluster_areServed_andTheirStatusWritten() {
    client.resource(gateway(80)).create();

    try (EmbeddedGateway gateway = EmbeddedGateway.builder().kubernetesClient(client)
        .trafficPlane(c -> new FakeTrafficPlane())
        .translator(c -> FakeTranslation::translate)
        .start()) {
      assertThat(gateway.ports()).isEqualTo(Map.of(80, 20080));
      await().atMost(WAIT).untilAsserted(() -> {
        Gateway written = client.resources(Gateway.class).inNamespace("apps").withName("gw").get();
        assertThat(written.getStatus()).isNotNull();
        assertThat(written.getStatus().getAddresses()).singleElement()
            .satisfies(a -> assertThat(a.getValue()).isEqualTo("127.0.0.1"));
      });

      Gateway current = client.resources(Gateway.class).inNamespace("apps").withName("gw").get();
      current.getSpec().getListeners().get(0).setPort(8080);
      client.resource(current).update();

      await().atMost(WAIT).until(() -> gateway.ports().equals(Map.of(8080, 28080)));
    }
  }
}
