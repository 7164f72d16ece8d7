package io.grpcconformance.gateway.provider.kubernetes;

import static io.grpcconformance.gateway.testkit.StatusFixtures.gateway;
import static io.grpcconformance.gateway.testkit.StatusFixtures.result;
import static io.grpcconformance.gateway.testkit.StatusFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.grpcconformance.gateway.testkit.MutableClock;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import io.grpcconformance.gateway.testkit.StatusFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status writes against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesStatusWriterTest {
  static {
    QuietMockServer.install();
  }

  private static final Duration WAIT = Duration.ofSeconds(15);

  KubernetesClient client;
  KubernetesMockServer server;
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private InformerSource cache;
  private KubernetesStatusWriter writer;

  @BeforeEach
  void start() throws Exception {
    cache = new InformerSource(client, WAIT);
    cache.start(() -> {});
    writer = new KubernetesStatusWriter(client, cache, StatusFixtures.CONTROLLER,
        Optional.of("10.0.0.7"), clock);
  }

  @AfterEach
  void stop() {
    cache.close();
  }

  private GRPCRoute createRoute(List<RouteParentStatus> parents) {
    GRPCRoute route = client.resource(new GRPCRouteBuilder().withNewMetadata().withName("r")
        .withNamespace("apps").endMetadata().withNewSpec().withHostnames("foo.example.com")
        .endSpec().build()).create();
    if (!parents.isEmpty()) {
      route.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus(
          parents));
      route = client.resource(route).updateStatus();
    }
    String version = route.getMetadata().getResourceVersion();
    await().atMost(WAIT).until(() -> {
      GRPCRoute cached = cache.get(GRPCRoute.class, "apps", "r");
      return cached != null && version.equals(cached.getMetadata().getResourceVersion());
    });
    return route;
  }

  private GRPCRoute serverRoute() {
    return client.resources(GRPCRoute.class).inNamespace("apps").withName("r").get();
  }

  private static Condition condition(GRPCRoute route, String controller, String type) {
    return route.getStatus().getParents().stream()
        .filter(p -> p.getControllerName().equals(controller))
        .flatMap(p -> p.getConditions().stream())
        .filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  /** Waits until the cache has caught up with the server's copy of the route. */
  private void awaitCacheCurrent() {
    String version = serverRoute().getMetadata().getResourceVersion();
    await().atMost(WAIT).until(() -> version.equals(
        cache.get(GRPCRoute.class, "apps", "r").getMetadata().getResourceVersion()));
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
      requests.add(r);
    }
    return requests;
  }

  @Test
  void status_isWrittenOnTheStatusSubresource_withRealTransitionTimes() throws Exception {
    createRoute(List.of());
    requests(); // drop the set-up traffic

    writer.publish(result(route("apps", "r", "gw", "True")));

    assertThat(writer.writes()).isEqualTo(1);
    assertThat(requests()).filteredOn(r -> !r.getMethod().equals("GET"))
        .singleElement().satisfies(r -> {
          assertThat(r.getMethod()).isEqualTo("PUT");
          assertThat(r.getPath()).endsWith("/namespaces/apps/grpcroutes/r/status");
        });
    GRPCRoute written = serverRoute();
    assertThat(condition(written, StatusFixtures.CONTROLLER, "Accepted").getLastTransitionTime())
        .isEqualTo("2025-03-01T10:00:00Z");
    assertThat(written.getSpec().getHostnames()).containsExactly("foo.example.com");
  }

  @Test
  void unchangedStatus_isNotWrittenAgain_changedStatusIs() throws Exception {
    createRoute(List.of());
    writer.publish(result(route("apps", "r", "gw", "True")));
    awaitCacheCurrent();

    clock.advance(Duration.ofMinutes(3));
    writer.publish(result(route("apps", "r", "gw", "True")));
    assertThat(writer.writes()).as("same status: no API call").isEqualTo(1);

    writer.publish(result(route("apps", "r", "gw", "False")));
    assertThat(writer.writes()).isEqualTo(2);
    GRPCRoute written = serverRoute();
    assertThat(condition(written, StatusFixtures.CONTROLLER, "ResolvedRefs"))
        .satisfies(c -> {
          assertThat(c.getStatus()).isEqualTo("False");
          assertThat(c.getReason()).isEqualTo("BackendNotFound");
          assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-01T10:03:00Z");
        });
    assertThat(condition(written, StatusFixtures.CONTROLLER, "Accepted").getLastTransitionTime())
        .isEqualTo("2025-03-01T10:00:00Z");
  }

  @Test
  void parentsOfOtherControllers_areKept() throws Exception {
    RouteParentStatus foreign = new RouteParentStatusBuilder()
        .withControllerName("other.example.com/gateway")
        .withNewParentRef().withName("their-gateway").endParentRef()
        .withConditions(StatusFixtures.condition("Accepted", "True", "Accepted", 1))
        .build();
    foreign.getConditions().get(0).setLastTransitionTime("2024-12-24T00:00:00Z");
    createRoute(List.of(foreign));

    writer.publish(result(route("apps", "r", "gw", "True")));

    GRPCRoute written = serverRoute();
    assertThat(written.getStatus().getParents()).extracting(RouteParentStatus::getControllerName)
        .containsExactly("other.example.com/gateway", StatusFixtures.CONTROLLER);
    assertThat(condition(written, "other.example.com/gateway", "Accepted").getLastTransitionTime())
        .isEqualTo("2024-12-24T00:00:00Z");
  }

  @Test
  void gatewayStatus_getsATypedAddress() {
    client.resource(new GatewayBuilder().withNewMetadata().withName("gw").withNamespace("apps")
        .endMetadata().withNewSpec().withGatewayClassName("gc").endSpec().build()).create();
    await().atMost(WAIT).until(() -> cache.get(Gateway.class, "apps", "gw") != null);

    writer.publish(result(gateway("apps", "gw", "True")));

    Gateway written = client.resources(Gateway.class).inNamespace("apps").withName("gw").get();
    assertThat(written.getStatus().getAddresses()).singleElement().satisfies(a -> {
      assertThat(a.getType()).isEqualTo("IPAddress");
      assertThat(a.getValue()).isEqualTo("10.0.0.7");
    });
  }

  @Test
  void objectGoneFromTheCache_isSkipped() {
    writer.publish(result(route("apps", "missing", "gw", "True")));

    assertThat(writer.writes()).isZero();
  }
}
