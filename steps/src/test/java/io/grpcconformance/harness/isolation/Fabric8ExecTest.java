package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fabric8ClusterOps.exec over the real exec websocket protocol of fabric8's mock server (stdout
 * frames, then the status frame with the exit code), as the prober uses it.
 */
class Fabric8ExecTest {

  private static final String EXEC =
      "/api/v1/namespaces/gc-x-f8ops/pods/a/exec?command=probe&command=--target"
          + "&command=10.0.0.1%3A80&container=cont-80-tcp&stdout=true&stderr=true";

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses),
            false);
    server.init();
    client = server.createClient();
    // fabric8 reads the pod (its containers, its readiness) before it opens the exec websocket.
    server.expect().get().withPath("/api/v1/namespaces/gc-x-f8ops/pods/a")
        .andReturn(200, new PodBuilder(
                ModelManifests.pods(new ModelNames("gc-", "f8ops"), "img:1").get(0))
            .withNewStatus().withPhase("Running")
            .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
            .endStatus().build())
        .always();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void execReturnsStdoutAndTheExitStatus() {
    server.expect().get().withPath(EXEC)
        .andUpgradeToWebSocket()
        .open(new OutputStreamMessage("PROBE 10.0.0.1:80 tcp=ok ms=3\n"), new StatusStreamMessage(1))
        .done()
        .once();

    ExecResult r = new Fabric8ClusterOps(client).exec("gc-x-f8ops", "a", "cont-80-tcp",
        List.of("probe", "--target", "10.0.0.1:80"), Duration.ofSeconds(10));

    assertThat(r.failure()).isEmpty();
    assertThat(r.exitCode()).hasValue(1);
    assertThat(r.stdout()).isEqualTo("PROBE 10.0.0.1:80 tcp=ok ms=3\n");
  }

  @Test
  void aConnectionClosedWithoutAStatusIsAFailure() {
    server.expect().get().withPath(EXEC)
        .andUpgradeToWebSocket()
        .open(new OutputStreamMessage("PROBE 10.0.0.1:80 tcp=ok ms=3\n"))
        .done()
        .once();

    ExecResult r = new Fabric8ClusterOps(client).exec("gc-x-f8ops", "a", "cont-80-tcp",
        List.of("probe", "--target", "10.0.0.1:80"), Duration.ofSeconds(10));

    assertThat(r.exitCode()).isEmpty();
    assertThat(r.failure()).contains("exec ended without an exit status");
  }
}
