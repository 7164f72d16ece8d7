package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.ManagedChannel;
import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.SampleServicesMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint churn under continuous load through the Kubernetes provider: an EndpointSlice readiness
 * flip takes a backend out and back in, a new backend joins, a backend in a child JVM is killed
 * with SIGKILL (then marked not ready, as the kubelet would) and restarted on its port. No call may
 * fail except those in flight on the killed process and those the gateway had already routed to it
 * before its endpoint was withdrawn; every backend that becomes ready gets traffic within {@link
 * #NEW_ENDPOINT_BOUND}.
 */
@EnableKubernetesMockClient(crud = true)
class EndpointChurnTest {
  static {
    QuietMockServer.install();
  }

  /** How soon a ready endpoint must receive traffic (informer event + coalescing + a few calls). */
  static final Duration NEW_ENDPOINT_BOUND = Duration.ofSeconds(10);

  /** How long a slice change may take to reach the routing table. */
  static final Duration APPLIED = Duration.ofSeconds(10);

  /** Calls that must not reach a withdrawn endpoint after the table changed. */
  static final int CALLS_AFTER_WITHDRAWAL = 500;

  KubernetesClient client;
  @TempDir Path tmp;

  @Test
  void endpointsComeAndGoUnderLoad() throws Exception {
    ChurnCluster cluster = new ChurnCluster(client);
    try (SampleServer a =
            SampleServer.builder(SampleServer.Kind.GREETER)
                .name("greeter-a")
                .graceSeconds(1)
                .start();
        SampleServer c =
            SampleServer.builder(SampleServer.Kind.GREETER)
                .name("greeter-c")
                .graceSeconds(1)
                .start();
        ChildJvm b = childGreeter("greeter-b", 0);
        GatewayChannels channels = new GatewayChannels()) {
      int portB = listeningPort(b);
      cluster.slice("a", a.port(), true);
      cluster.slice("b", portB, true);
      try (EmbeddedGateway gateway = EmbeddedGateway.builder().kubernetesClient(client).start()) {
        await()
            .atMost(APPLIED)
            .until(() -> ChurnCluster.routedPorts(gateway).containsAll(List.of(a.port(), portB)));
        ManagedChannel channel = channels.plaintext(gateway.port(8080), "greeter.example.com");
        UnaryLoad load = new UnaryLoad(channel, null, "helloworld.Greeter/SayHello", 4);
        long killStart;
        long killEnd;
        long withdrawn;
        long readyAgain;
        long servedAgain;
        ChildJvm restarted = null;
        try (load) {
          awaitTraffic(load, "greeter-a");
          awaitTraffic(load, "greeter-b");

          // 1. Readiness flip: B out, then no call reaches B.
          cluster.slice("b", portB, false);
          await().atMost(APPLIED).until(() -> !ChurnCluster.routedPorts(gateway).contains(portB));
          assertNoMoreTraffic(load, "greeter-b");
          // 2. And back in.
          cluster.slice("b", portB, true);
          long flipIn = awaitTraffic(load, "greeter-b");
          // 3. A new backend.
          cluster.slice("c", c.port(), true);
          long joined = awaitTraffic(load, "greeter-c");

          // 4. Kill B for real, then withdraw its endpoint as the kubelet would.
          killStart = System.nanoTime();
          b.kill();
          killEnd = System.nanoTime();
          cluster.slice("b", portB, false);
          await().atMost(APPLIED).until(() -> !ChurnCluster.routedPorts(gateway).contains(portB));
          withdrawn = System.nanoTime();
          long failuresAtWithdrawal = load.failures().size();
          long callsAtWithdrawal = load.calls();
          await()
              .atMost(APPLIED)
              .until(() -> load.calls() >= callsAtWithdrawal + CALLS_AFTER_WITHDRAWAL);
          assertThat(load.failures())
              .as("failures after B's endpoint was withdrawn")
              .hasSize((int) failuresAtWithdrawal);

          // 5. Restart B on its port and mark it ready: it gets traffic again.
          restarted = childGreeter("greeter-b", portB);
          listeningPort(restarted);
          cluster.slice("b", portB, true);
          readyAgain = System.nanoTime();
          long back = awaitTraffic(load, "greeter-b");
          servedAgain = System.nanoTime();
          Report.line(
              "endpoint churn: ready endpoints got traffic within %d ms (flip in),"
                  + " %d ms (new backend), %d ms (restarted backend); bound %d ms",
              flipIn, joined, back, NEW_ENDPOINT_BOUND.toMillis());
        } finally {
          if (restarted != null) {
            restarted.close();
          }
        }
        classifyAndAssert(load, killStart, killEnd, withdrawn, readyAgain, servedAgain);
      }
    }
  }

  private void classifyAndAssert(
      UnaryLoad load,
      long killStart,
      long killEnd,
      long withdrawn,
      long readyAgain,
      long servedAgain) {
    long inFlight = 0;
    long routedToDead = 0;
    long beforeReconnect = 0;
    List<String> other = new java.util.ArrayList<>();
    for (UnaryLoad.Failure f : load.failures()) {
      if (f.startNanos() <= killEnd && f.endNanos() >= killStart) {
        inFlight++; // on the killed process when it died
      } else if (f.startNanos() > killEnd && f.startNanos() <= withdrawn) {
        routedToDead++; // sent to B after it died, before its endpoint left the table
      } else if (f.startNanos() >= readyAgain && f.startNanos() <= servedAgain) {
        beforeReconnect++; // sent to the restarted B before the gateway reconnected to it
      } else {
        other.add(f.outcome().toString());
      }
    }
    Report.line(
        "endpoint churn: %d unary calls, %d failed (%d in flight on the killed backend, %d routed"
            + " to it before its endpoint was withdrawn, %d routed to it after its restart before"
            + " the gateway reconnected, %d other); served %s",
        load.calls(),
        load.failures().size(),
        inFlight,
        routedToDead,
        beforeReconnect,
        other.size(),
        load.servedBy());
    if (routedToDead > 0) {
      Report.line(
          "endpoint churn: %d calls went to the killed endpoint before the gateway saw its"
              + " connection close (later calls skip a failing endpoint)",
          routedToDead);
    }
    // The data plane resets a referenced channel's reconnect backoff when a table is applied, so
    // a restarted backend that is listed ready again gets no call failed by a stale backoff.
    assertThat(beforeReconnect)
        .as("calls failed on the restarted backend while its channel was still backing off")
        .isZero();
    assertThat(other).as("failures outside the kill window").isEmpty();
  }

  /** Waits until {@code backend} serves a call; returns how long that took, in ms. */
  private static long awaitTraffic(UnaryLoad load, String backend) {
    long before = load.servedBy(backend);
    long start = System.nanoTime();
    await()
        .atMost(NEW_ENDPOINT_BOUND)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> load.servedBy(backend) > before);
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** After the table changed, {@code backend} gets none of the next calls. */
  private static void assertNoMoreTraffic(UnaryLoad load, String backend) {
    // Calls already dispatched when the table changed may still land; wait until they are done.
    long settled = load.calls() + 50;
    await().atMost(APPLIED).until(() -> load.calls() >= settled);
    long served = load.servedBy(backend);
    long calls = load.calls();
    await().atMost(APPLIED).until(() -> load.calls() >= calls + CALLS_AFTER_WITHDRAWAL);
    assertThat(load.servedBy(backend))
        .as("calls served by withdrawn %s", backend)
        .isEqualTo(served);
  }

  private ChildJvm childGreeter(String name, int port) throws java.io.IOException {
    return ChildJvm.start(
        tmp.resolve(name + "-" + System.nanoTime() + ".err"),
        SampleServicesMain.class.getName(),
        "greeter",
        "--name",
        name,
        "--bind",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--grace-seconds",
        "1");
  }

  private static int listeningPort(ChildJvm child) {
    String line = child.awaitLine(l -> l.startsWith("LISTENING "));
    return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
  }
}
