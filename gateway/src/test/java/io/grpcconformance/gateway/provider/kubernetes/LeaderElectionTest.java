package io.grpcconformance.gateway.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.gateway.config.GatewayConfig;
import io.grpcconformance.gateway.runtime.GatewayRuntime;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import io.grpcconformance.gateway.testkit.StatusFixtures;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two replicas, one Lease: both translate, only the leader writes statuses. */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
  static {
    QuietMockServer.install();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);
  // Generous durations: on a loaded machine a short lease expires between renewals and the
  // replicas legitimately hand over. Release on close makes the take-over fast anyway.
  private static final GatewayConfig.Lease LEASE = new GatewayConfig.Lease(true, "test-lease",
      "grpc-conformance-system", "", Duration.ofSeconds(15), Duration.ofSeconds(12),
      Duration.ofMillis(300));

  KubernetesClient client;
  private Replica a;
  private Replica b;

  /** One gateway replica without a data plane: informers, runtime, gated writer, leadership. */
  final class Replica implements AutoCloseable {
    final String name;
    final InformerSource source = new InformerSource(client, WAIT);
    final KubernetesStatusWriter writer;
    final LeaderGatedStatusSink gate;
    final GatewayRuntime runtime;
    final LeaseLeadership leadership;

    Replica(String name) throws Exception {
      this.name = name;
      writer = new KubernetesStatusWriter(client, source, StatusFixtures.CONTROLLER,
          Optional.empty(), Clock.systemUTC());
      gate = new LeaderGatedStatusSink(writer);
      // Each replica computes a status that names it, so the test sees who wrote.
      runtime = new GatewayRuntime(source, snapshot -> statusNaming(name), table -> {}, gate,
          Duration.ofMillis(20));
      leadership = new LeaseLeadership(client, LEASE.withIdentity(name), gate,
          runtime::requestResync);
      runtime.start();
      leadership.start();
    }

    @Override
    public void close() {
      leadership.close();
      runtime.close();
    }
  }

  private static TranslationResult statusNaming(String replica) {
    GRPCRoute route = StatusFixtures.route("apps", "r", "gw", "True");
    route.getStatus().getParents().get(0).getConditions().get(0)
        .setMessage("accepted by " + replica);
    return StatusFixtures.result(route);
  }

  private String writtenBy() {
    GRPCRoute route = client.resources(GRPCRoute.class).inNamespace("apps").withName("r").get();
    if (route.getStatus() == null || route.getStatus().getParents() == null
        || route.getStatus().getParents().isEmpty()) {
      return "";
    }
    return route.getStatus().getParents().get(0).getConditions().get(0).getMessage();
  }

  @AfterEach
  void close() {
    for (Replica replica : new Replica[] {a, b}) {
      if (replica != null) {
        replica.close();
      }
    }
  }

  @Test
  void onlyTheLeaderWrites_andAFollowerTakesOverWhenTheLeaderStops() throws Exception {
    client.resource(new GRPCRouteBuilder().withNewMetadata().withName("r").withNamespace("apps")
        .endMetadata().withNewSpec().endSpec().build()).create();
    a = new Replica("replica-a");
    b = new Replica("replica-b");

    await().atMost(WAIT).until(() -> a.gate.isLeader() || b.gate.isLeader());
    Replica leader = a.gate.isLeader() ? a : b;
    Replica follower = leader == a ? b : a;
    await().atMost(WAIT).until(() -> writtenBy().equals("accepted by " + leader.name));

    // The follower keeps translating (and would write its own message) but never writes.
    long followerPasses = follower.runtime.appliedGeneration();
    for (int i = 0; i < 5; i++) {
      follower.runtime.requestResync();
    }
    await().atMost(WAIT).until(() -> follower.runtime.appliedGeneration() > followerPasses);
    assertThat(follower.gate.isLeader()).isFalse();
    assertThat(follower.writer.writes()).isZero();
    assertThat(writtenBy()).isEqualTo("accepted by " + leader.name);
    Lease lease = client.leases().inNamespace(LEASE.namespace()).withName(LEASE.name()).get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.name);

    leader.close(); // releases the lease
    if (leader == a) {
      a = null;
    } else {
      b = null;
    }

    await().atMost(WAIT).until(() -> writtenBy().equals("accepted by " + follower.name));
    assertThat(follower.gate.isLeader()).isTrue();
    assertThat(follower.writer.writes()).isPositive();
  }
}
