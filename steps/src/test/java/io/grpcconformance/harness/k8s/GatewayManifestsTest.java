package io.grpcconformance.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayManifestsTest {

  private static Map<String, String> row(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void listenerRowsBecomeListeners() {
    Gateway gw =
        GatewayManifests.gateway(
            "ns",
            "gw",
            "grpc-conformance",
            List.of(
                GatewayManifests.ListenerRow.of(
                    row(
                        "name",
                        "https",
                        "protocol",
                        "HTTPS",
                        "port",
                        "443",
                        "hostname",
                        "a.example.com",
                        "certificate",
                        "a-tls")),
                GatewayManifests.ListenerRow.of(
                    row(
                        "name",
                        "http",
                        "protocol",
                        "HTTP",
                        "port",
                        "80",
                        "routes from",
                        "Selector team=grpc"))));
    assertThat(gw.getSpec().getGatewayClassName()).isEqualTo("grpc-conformance");
    Listener https = gw.getSpec().getListeners().get(0);
    assertThat(https.getHostname()).isEqualTo("a.example.com");
    assertThat(https.getTls().getCertificateRefs().get(0).getName()).isEqualTo("a-tls");
    assertThat(https.getAllowedRoutes().getNamespaces().getFrom()).isEqualTo("Same");
    Listener http = gw.getSpec().getListeners().get(1);
    assertThat(http.getHostname()).isNull();
    assertThat(http.getTls()).isNull();
    assertThat(http.getAllowedRoutes().getNamespaces().getFrom()).isEqualTo("Selector");
    assertThat(http.getAllowedRoutes().getNamespaces().getSelector().getMatchLabels())
        .containsEntry("team", "grpc");
  }

  @Test
  void badRowsAreNamed() {
    assertThatThrownBy(
            () ->
                GatewayManifests.ListenerRow.of(
                    row("name", "x", "protocol", "HTTP", "port", "eighty")))
        .hasMessage("listener x: port 'eighty' is not a number");
    assertThatThrownBy(
            () ->
                GatewayManifests.gateway(
                    "ns",
                    "gw",
                    "c",
                    List.of(
                        GatewayManifests.ListenerRow.of(
                            row(
                                "name",
                                "x",
                                "protocol",
                                "HTTP",
                                "port",
                                "80",
                                "routes from",
                                "Selector team")))))
        .hasMessageContaining("'routes from' must be 'Selector key=value'");
  }
}
