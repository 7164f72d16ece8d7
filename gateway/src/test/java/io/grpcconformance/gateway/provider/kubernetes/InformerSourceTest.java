package io.grpcconformance.gateway.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Informers against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class InformerSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  static {
    io.grpcconformance.gateway.testkit.QuietMockServer.install();
  }

  KubernetesClient client;
  private final AtomicInteger signals = new AtomicInteger();
  private InformerSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
  }

  private void startSource() throws Exception {
    source = new InformerSource(client, WAIT);
    source.start(signals::incrementAndGet);
  }

  @Test
  void everyWatchedKind_endsUpInTheSnapshot() throws Exception {
    startSource();
    assertThat(signals.get()).as("initial snapshot").isGreaterThanOrEqualTo(1);

    client.resource(new GatewayClassBuilder().withNewMetadata().withName("gc").endMetadata()
        .withNewSpec().withControllerName("grpc-conformance.io/gateway").endSpec().build())
        .create();
    client.resource(new GatewayBuilder().withNewMetadata().withName("gw").withNamespace("apps")
        .endMetadata().withNewSpec().withGatewayClassName("gc").endSpec().build()).create();
    client.resource(new GRPCRouteBuilder().withNewMetadata().withName("r").withNamespace("apps")
        .endMetadata().withNewSpec().endSpec().build()).create();
    client.resource(new io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantBuilder()
        .withNewMetadata().withName("grant").withNamespace("backends").endMetadata()
        .withNewSpec().addNewFrom().withGroup("gateway.networking.k8s.io").withKind("GRPCRoute")
        .withNamespace("apps").endFrom().addNewTo().withGroup("").withKind("Service").endTo()
        .endSpec().build()).create();
    client.resource(new NamespaceBuilder().withNewMetadata().withName("apps").endMetadata()
        .build()).create();
    client.resource(new ServiceBuilder().withNewMetadata().withName("svc").withNamespace("apps")
        .endMetadata().build()).create();
    client.resource(new EndpointSliceBuilder().withNewMetadata().withName("svc-1")
        .withNamespace("apps").endMetadata().withAddressType("IPv4").build()).create();
    client.resource(new SecretBuilder().withNewMetadata().withName("tls").withNamespace("apps")
        .endMetadata().withType("kubernetes.io/tls").build()).create();
    client.resource(new IngressBuilder().withNewMetadata().withName("ing").withNamespace("apps")
        .endMetadata().build()).create();
    client.resource(new IngressClassBuilder().withNewMetadata().withName("nginx").endMetadata()
        .build()).create();

    await().atMost(WAIT).untilAsserted(() -> {
      GatewaySnapshot s = source.snapshot();
      assertThat(s.gatewayClasses()).hasSize(1);
      assertThat(s.gateways()).hasSize(1);
      assertThat(s.grpcRoutes()).hasSize(1);
      assertThat(s.referenceGrants()).singleElement()
          .satisfies(g -> assertThat(g.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1"));
      assertThat(s.namespaces()).hasSize(1);
      assertThat(s.services()).hasSize(1);
      assertThat(s.endpointSlices()).hasSize(1);
      assertThat(s.secrets()).hasSize(1);
      assertThat(s.ingresses()).hasSize(1);
      assertThat(s.ingressClasses()).hasSize(1);
    });
    assertThat(source.get(GRPCRoute.class, "apps", "r")).isNotNull();
  }

  @Test
  void notReady_untilEveryInformerHasSynced_thenEveryReadySignalSeesEverything() throws Exception {
    // Objects of several kinds exist before start; their informers deliver them one kind at a
    // time, so any signal that claims "ready" must already see all of them.
    for (int i = 0; i < 5; i++) {
      client.resource(new ServiceBuilder().withNewMetadata().withName("svc" + i)
          .withNamespace("apps").endMetadata().build()).create();
      client.resource(new SecretBuilder().withNewMetadata().withName("tls" + i)
          .withNamespace("apps").endMetadata().withType("kubernetes.io/tls").build()).create();
    }
    client.resource(new GatewayClassBuilder().withNewMetadata().withName("gc").endMetadata()
        .withNewSpec().withControllerName("grpc-conformance.io/gateway").endSpec().build())
        .create();
    source = new InformerSource(client, WAIT);
    assertThat(source.ready()).as("before start").isFalse();
    java.util.List<String> readyViews = new java.util.concurrent.CopyOnWriteArrayList<>();
    source.start(() -> {
      signals.incrementAndGet();
      if (source.ready()) {
        GatewaySnapshot s = source.snapshot();
        readyViews.add(s.gatewayClasses().size() + "/" + s.services().size() + "/"
            + s.secrets().size());
      }
    });

    assertThat(source.ready()).as("after start").isTrue();
    assertThat(readyViews).isNotEmpty().allMatch("1/5/5"::equals);
  }

  @Test
  void updatesAndDeletes_signalAndShowInTheSnapshot() throws Exception {
    startSource();
    GRPCRoute route = client.resource(new GRPCRouteBuilder().withNewMetadata().withName("r")
        .withNamespace("apps").endMetadata().withNewSpec().withHostnames("a.example.com")
        .endSpec().build()).create();
    await().atMost(WAIT).until(() -> source.snapshot().grpcRoutes().size() == 1);
    int before = signals.get();

    route.getSpec().setHostnames(java.util.List.of("b.example.com"));
    client.resource(route).update();
    await().atMost(WAIT).until(() -> source.snapshot().grpcRoutes().get(0).getSpec()
        .getHostnames().equals(java.util.List.of("b.example.com")));
    assertThat(signals.get()).isGreaterThan(before);

    client.resource(route).delete();
    await().atMost(WAIT).until(() -> source.snapshot().grpcRoutes().isEmpty());
  }
}
