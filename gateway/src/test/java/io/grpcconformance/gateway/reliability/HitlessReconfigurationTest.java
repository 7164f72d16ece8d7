package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpc.ManagedChannel;
import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hitless reconfiguration: continuous unary load (at least {@link #MIN_CALLS} calls) and long-lived
 * bidirectional streams through the gateway while {@link #CHANGES} route changes are applied, once
 * through the standalone manifests folder and once through the Kubernetes provider (fabric8 mock
 * API server in CRUD mode). Every call is routed to the Greeter by every version of the
 * configuration, so not one may fail; streams opened before the first change must complete with
 * every reply.
 */
@EnableKubernetesMockClient(crud = true)
class HitlessReconfigurationTest {
  static {
    QuietMockServer.install();
  }

  static final int CHANGES = 50;
  static final int MIN_CALLS = 10_000;
  static final int LOAD_THREADS = 4;
  static final int STREAMS = 4;

  /** How long one change may take to reach the routing table. */
  static final Duration CHANGE_APPLIED = Duration.ofSeconds(15);

  /** How long the load may need to reach MIN_CALLS after the last change. */
  static final Duration LOAD_BOUND = Duration.ofSeconds(60);

  static final Duration STREAM_END = Duration.ofSeconds(15);

  KubernetesClient client;
  @TempDir Path manifests;

  /** Applies change n. */
  interface Change {
    void apply(int n) throws Exception;
  }

  @Test
  void routeChangesThroughTheManifestsFolder_failNoCall() throws Exception {
    try (BaseGateway base = new BaseGateway(manifests)) {
      run(
          "standalone folder",
          base.gateway(),
          n -> {
            if (RouteChurn.removes(n)) {
              Files.deleteIfExists(manifests.resolve("50-churn.yaml"));
            } else {
              base.write("50-churn.yaml", RouteChurn.yaml(n));
            }
          });
    }
  }

  @Test
  void routeChangesThroughTheKubernetesProvider_failNoCall() throws Exception {
    try (BaseGateway backends = new BaseGateway(manifests)) {
      // The same base objects, this time in the (mock) cluster; the folder gateway is unused.
      for (HasMetadata item :
          client
              .load(
                  new ByteArrayInputStream(
                      Files.readString(manifests.resolve("00-base.yaml"))
                          .getBytes(StandardCharsets.UTF_8)))
              .items()) {
        client.resource(item).create();
      }
      JulLines startLog = new JulLines();
      try (EmbeddedGateway gateway = EmbeddedGateway.builder().kubernetesClient(client).start();
          GatewayChannels probe = new GatewayChannels()) {
        await().atMost(CHANGE_APPLIED).until(() -> gateway.port(8080) > 0);
        // start() returns after the first translation, which waits until every informer has
        // synced: the first call after the port is bound must already reach the backend.
        ManagedChannel channel = probe.plaintext(gateway.port(8080), "greeter.example.com");
        CallOutcome first =
            RawUnary.call(channel, null, "helloworld.Greeter/SayHello", UnaryLoad.CALL_DEADLINE);
        startLog.close();
        // Every object existed before the gateway started, so a "not found" is a partial view.
        List<String> partial =
            startLog.warnings().stream()
                .map(l -> l.message())
                .filter(m -> m.contains(" not found"))
                .toList();
        assertThat(partial).as("'not found' problems for objects that existed at start").isEmpty();
        assertThat(first.ok()).as("first call after the port was bound: %s", first).isTrue();
        run(
            "kubernetes provider",
            gateway,
            n -> {
              if (RouteChurn.removes(n)) {
                client
                    .resources(GRPCRoute.class)
                    .inNamespace("default")
                    .withName(RouteChurn.NAME)
                    .delete();
              } else {
                GRPCRoute route = Serialization.unmarshal(RouteChurn.yaml(n), GRPCRoute.class);
                client.resource(route).createOr(NonDeletingOperation::update);
              }
            });
      }
    }
  }

  private void run(String provider, EmbeddedGateway gateway, Change change) throws Exception {
    try (GatewayChannels channels = new GatewayChannels()) {
      ManagedChannel channel = channels.plaintext(gateway.port(8080), "greeter.example.com");
      LongLivedStreams streams = new LongLivedStreams(channel, STREAMS);
      streams.tick();
      long started = System.nanoTime();
      UnaryLoad load = new UnaryLoad(channel, null, "helloworld.Greeter/SayHello", LOAD_THREADS);
      try (load) {
        for (int n = 1; n <= CHANGES; n++) {
          int version = n;
          change.apply(version);
          await()
              .atMost(CHANGE_APPLIED)
              .pollInterval(Duration.ofMillis(5))
              .until(() -> RouteChurn.applied(gateway, version));
          streams.tick();
        }
        await().atMost(LOAD_BOUND).until(() -> load.calls() >= MIN_CALLS);
      }
      List<String> streamProblems = streams.finish(STREAM_END);
      long millis = (System.nanoTime() - started) / 1_000_000;
      Map<String, Long> served = load.servedBy();
      Report.line(
          "hitless reconfiguration (%s): %d route changes applied, %d unary calls,"
              + " %d failed, %d streams (%d messages) opened before the changes, %d broken, %d ms",
          provider,
          CHANGES,
          load.calls(),
          load.failures().size(),
          streams.count(),
          streams.messages(),
          streamProblems.size(),
          millis);
      assertThat(load.failures()).as("failed calls").isEmpty();
      assertThat(served.keySet()).as("backends that served").containsExactly("greeter-base");
      assertThat(load.calls()).isGreaterThanOrEqualTo(MIN_CALLS);
      assertThat(streamProblems).as("long-lived streams").isEmpty();
    }
  }
}
