package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ThirdPartyGatewaysTest {
  KubernetesClient client;

  private void service(String namespace, String name, Map<String, String> labels) {
    client.services().inNamespace(namespace).resource(new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
  }

  @Test
  void findsTheGatewayApiLabelInTheGatewaysNamespace() {
    service("gc-a", "example-gateway-istio", Map.of("gateway.networking.k8s.io/gateway-name", "example-gateway"));
    service("gc-b", "example-gateway-istio", Map.of("gateway.networking.k8s.io/gateway-name", "other"));

    assertThat(new ThirdPartyGateways(client, new PortForwards(client)).serviceOf("gc-a", "example-gateway"))
        .hasValueSatisfying(s -> assertThat(s.getMetadata().getNamespace()).isEqualTo("gc-a"));
  }

  @Test
  void findsEnvoyGatewaysOwningLabelsInItsOwnNamespace() {
    service("envoy-gateway-system", "envoy-gc-a-example-gateway-1a2b", Map.of(
        "gateway.envoyproxy.io/owning-gateway-name", "example-gateway",
        "gateway.envoyproxy.io/owning-gateway-namespace", "gc-a"));
    service("envoy-gateway-system", "envoy-gc-z-example-gateway-9f8e", Map.of(
        "gateway.envoyproxy.io/owning-gateway-name", "example-gateway",
        "gateway.envoyproxy.io/owning-gateway-namespace", "gc-z"));

    assertThat(new ThirdPartyGateways(client, new PortForwards(client)).serviceOf("gc-a", "example-gateway"))
        .hasValueSatisfying(s -> assertThat(s.getMetadata().getName()).isEqualTo("envoy-gc-a-example-gateway-1a2b"));
  }

  @Test
  void anUnknownLabellingIsAClearError() {
    ThirdPartyGateways gateways = new ThirdPartyGateways(client, new PortForwards(client));

    assertThat(gateways.serviceOf("gc-a", "example-gateway")).isEmpty();
    assertThatThrownBy(() -> gateways.address("acme", "gc-a", "example-gateway", 80))
        .hasMessage("cannot find the Service of Gateway gc-a/example-gateway (class acme): none labelled"
            + " gateway.networking.k8s.io/gateway-name or gateway.envoyproxy.io/owning-gateway-name"
            + " (fix: check the Gateway is Programmed)");
  }
}
