package io.grpcconformance.gateway.provider.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.gateway.testkit.LogCapture;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** manifests/examples/grpc-routing-guide reads cleanly, except the document with the typo. */
class GuideManifestsTest {
  static final Path GUIDE = Path.of("..", "manifests", "examples", "grpc-routing-guide");

  @Test
  void guideFolder_readsEveryObject_andReportsOnlyTheTypo() throws Exception {
    try (LogCapture log = LogCapture.start();
        ManifestFolderSource source =
            new ManifestFolderSource(GUIDE, Duration.ofMillis(50), Duration.ofHours(1))) {
      source.start(() -> {});
      GatewaySnapshot snapshot = source.snapshot();

      assertThat(snapshot.gatewayClasses()).hasSize(1);
      assertThat(snapshot.gateways()).singleElement().satisfies(g -> assertThat(
          g.getSpec().getListeners().get(0).getTls().getCertificateRefs().get(0).getName())
          .isEqualTo("example-com-tls"));
      assertThat(snapshot.grpcRoutes()).extracting(r -> r.getMetadata().getName())
          .containsExactly("bar-route", "foo-route");
      assertThat(snapshot.services()).hasSize(3);
      assertThat(snapshot.endpointSlices()).hasSize(3);
      assertThat(snapshot.secrets()).as("no key is committed").isEmpty();
      assertThat(log.linesContaining("document ")).containsExactly(GUIDE.resolve(
          "typo-apiversion.yaml") + " document 1 (GRPCRoute typo-route): unknown apiVersion/kind "
          + "gateway.intnetworking.k8s.io/v1 GRPCRoute; document ignored");
    }
  }
}
