package io.grpcconformance.gateway.provider.kubernetes;

import static io.grpcconformance.gateway.testkit.StatusFixtures.result;
import static io.grpcconformance.gateway.testkit.StatusFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import io.grpcconformance.gateway.testkit.StatusFixtures;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Optimistic locking of status writes, against the mock server in expectations mode (its CRUD mode
 * does not check resourceVersion on the status subresource).
 */
@EnableKubernetesMockClient
class KubernetesStatusWriterConflictTest {
  static {
    QuietMockServer.install();
  }

  private static final String STATUS_PATH =
      "/apis/gateway.networking.k8s.io/v1/namespaces/apps/grpcroutes/r/status";

  KubernetesClient client;
  KubernetesMockServer server;

  /** What the informer cache holds: the route at resourceVersion 7. */
  private static final ObjectCache CACHE = new ObjectCache() {
    @Override
    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
      return type.cast(new GRPCRouteBuilder().withNewMetadata().withName("r")
          .withNamespace("apps").withResourceVersion("7").withGeneration(3L).endMetadata()
          .withNewSpec().withHostnames("foo.example.com").endSpec().build());
    }
  };

  @Test
  void statusWrite_isAFreshObjectWithTheCachedVersion_andAConflictIsNotAFailure()
      throws Exception {
    server.expect().put().withPath(STATUS_PATH)
        .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
            .withMessage("the object has been modified").build())
        .once();
    KubernetesStatusWriter writer = new KubernetesStatusWriter(client, CACHE,
        StatusFixtures.CONTROLLER, Optional.empty(), Clock.systemUTC());

    writer.publish(result(route("apps", "r", "gw", "True")));

    assertThat(writer.writes()).as("a 409 is not counted as written").isZero();
    RecordedRequest put = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getPath()).isEqualTo(STATUS_PATH);
    GRPCRoute sent = ModelSerialization.MODEL.unmarshal(put.getUtf8Body(), GRPCRoute.class);
    assertThat(sent.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(sent.getSpec()).as("only identity and status are sent").isNull();
    assertThat(sent.getStatus().getParents()).singleElement()
        .satisfies(p -> assertThat(p.getControllerName()).isEqualTo(StatusFixtures.CONTROLLER));
  }
}
