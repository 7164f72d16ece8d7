package io.grpcconformance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API over a manifests folder, with the data plane and translator faked. */
class EmbeddedGatewayTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  static String gateway(int port, String protocol) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: example-gateway
        spec:
          gatewayClassName: grpc-conformance
          listeners:
          - name: grpc
            port: %d
            protocol: %s
        """.formatted(port, protocol);
  }

  private EmbeddedGateway.Builder builder(FakeTrafficPlane plane) {
    return EmbeddedGateway.builder().manifests(dir)
        .trafficPlane(config -> plane)
        .translator(config -> FakeTranslation::translate);
  }

  @Test
  void start_appliesTheInitialManifests_andReportsPorts() throws IOException {
    Files.writeString(dir.resolve("gateway.yaml"), gateway(443, "HTTPS"));
    FakeTrafficPlane plane = new FakeTrafficPlane();

    try (EmbeddedGateway gateway = builder(plane).start()) {
      assertThat(gateway.port(443)).isEqualTo(20443);
      assertThat(gateway.port(80)).isEqualTo(-1);
      assertThat(gateway.ports()).isEqualTo(Map.of(443, 20443));
      assertThat(gateway.lastResult().statuses()).hasSize(1);
    }
    assertThat(plane.closed).isTrue();
  }

  @Test
  void awaitIdle_seesAFileWrittenJustBefore() throws IOException {
    Files.writeString(dir.resolve("gateway.yaml"), gateway(80, "HTTP"));
    try (EmbeddedGateway gateway = builder(new FakeTrafficPlane()).start()) {
      Files.writeString(dir.resolve("gateway.yaml"), gateway(8443, "HTTPS"));

      gateway.awaitIdle(WAIT);

      assertThat(gateway.ports()).isEqualTo(Map.of(8443, 28443));
    }
  }

  @Test
  void embeddedDefaults_areLoopbackEphemeralAndNoLeaderElection() throws IOException {
    AtomicReference<TranslatorConfig> translatorConfig = new AtomicReference<>();
    try (EmbeddedGateway gateway = EmbeddedGateway.builder().manifests(dir)
        .trafficPlane(config -> new FakeTrafficPlane())
        .translator(config -> {
          translatorConfig.set(config);
          return FakeTranslation::translate;
        })
        .controllerName("example.com/gw").ingressClasses(List.of("a", "b"))
        .statusFile(dir.resolve("status.yaml"))
        .start()) {
      assertThat(gateway.config().bindAddress()).isEqualTo("127.0.0.1");
      assertThat(gateway.config().ephemeralPorts()).isTrue();
      assertThat(gateway.config().lease().enabled()).isFalse();
      assertThat(translatorConfig.get().controllerName()).isEqualTo("example.com/gw");
      assertThat(translatorConfig.get().ingressClasses()).containsExactly("a", "b");
    }
  }

  @Test
  void statusFile_isWritten() throws IOException {
    Files.writeString(dir.resolve("gateway.yaml"), gateway(443, "HTTPS"));
    Path status = dir.resolve("out/status.yaml");

    try (EmbeddedGateway gateway = builder(new FakeTrafficPlane()).statusFile(status).start()) {
      assertThat(gateway.lastResult().statuses()).hasSize(1);
      assertThat(Files.readString(status)).contains("kind: \"Gateway\"")
          .contains("name: \"example-gateway\"").contains("value: \"127.0.0.1\"");
    }
  }

  @Test
  void needsExactlyOneSource() {
    assertThatThrownBy(() -> EmbeddedGateway.builder().start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kubernetesClient(...)");
  }

  @Test
  void missingFolder_failsToStart_andClosesThePlane() {
    FakeTrafficPlane plane = new FakeTrafficPlane();

    assertThatThrownBy(() -> EmbeddedGateway.builder().manifests(dir.resolve("missing"))
        .trafficPlane(config -> plane).start())
        .hasMessageContaining("missing");
    assertThat(plane.closed).isTrue();
  }
}
