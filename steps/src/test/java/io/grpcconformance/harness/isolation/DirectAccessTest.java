package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Direct calls to a Service's endpoints, and the gateway-only policy. */
class DirectAccessTest {

  private static final ProbeSource OUTSIDER =
      new ProbeSource("app/outsider", "app", "outsider", "cont-80-tcp", "10.42.0.50");
  private static final List<ServiceEndpoint> ENDPOINTS =
      List.of(new ServiceEndpoint("greeter-1", "10.42.0.60", 9001),
          new ServiceEndpoint("greeter-2", "10.42.0.61", 9001));

  private final AtomicInteger execs = new AtomicInteger();
  private long now;

  /** Answers "tcp=ok" for the first {@code openExecs} execs, then times out. */
  private Prober prober(int openExecs) {
    PodExec exec = (ns, pod, container, command, timeout) -> {
      now += 1_000_000_000L;
      boolean open = execs.incrementAndGet() <= openExecs;
      StringBuilder out = new StringBuilder();
      for (ServiceEndpoint e : ENDPOINTS) {
        out.append("PROBE ").append(e.ip()).append(':').append(e.port())
            .append(open ? " tcp=ok grpc=SERVING ms=2\n" : " tcp=timeout grpc=- ms=2000\n");
      }
      return ExecResult.exited(open ? 0 : 1, out.toString(), "");
    };
    return new Prober(exec, TestConfigs.fast(), () -> now);
  }

  @Test
  void aBlockThatShowsWithinTheBoundPasses() {
    DirectAccess access = new DirectAccess(prober(2), TestConfigs.fast(), () -> now);

    List<CellProbe> confirmed = access.require(OUTSIDER, "app/greeter", ENDPOINTS, false, 0);

    assertThat(confirmed).extracting(CellProbe::outcome)
        .containsExactly(CellOutcome.BLOCKED, CellOutcome.BLOCKED);
    assertThat(execs.get()).isGreaterThanOrEqualTo(4); // two open, a blocked poll, the confirmation
  }

  @Test
  void aBlockThatNeverShowsMeansTheCniDoesNotEnforce() {
    DirectAccess access = new DirectAccess(prober(1000), TestConfigs.fast(), () -> now);

    assertThatThrownBy(() -> access.require(OUTSIDER, "app/greeter", ENDPOINTS, false, 0))
        .isInstanceOf(NetworkPolicyNotEnforcedException.class)
        .hasMessageStartingWith("the CNI does not enforce NetworkPolicy: direct calls from"
            + " app/outsider to the endpoints of app/greeter still connect PT3S after the policy")
        .hasMessageContaining("10.42.0.61:9001 CONNECTED");
  }

  @Test
  void allowedCallsThatAreBlockedFailWithTheProbeLines() {
    DirectAccess access = new DirectAccess(prober(0), TestConfigs.fast(), () -> now);

    assertThatThrownBy(() -> access.require(OUTSIDER, "app/greeter", ENDPOINTS, true, 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("direct calls from app/outsider to app/greeter should be allowed")
        .hasMessageContaining("tcp=timeout");
    assertThatThrownBy(() -> access.require(OUTSIDER, "app/greeter", List.of(), true, 0))
        .hasMessageContaining("Service app/greeter has no ready endpoints");
  }

  @Test
  void theGatewayOnlyPolicyAdmitsOnePeerWithBothSelectors() {
    NetworkPolicy p = GatewayOnlyPolicy.of("app", "greeter-gateway-only", Map.of("app", "greeter"),
        "grpc-conformance-system", Map.of("app.kubernetes.io/name", "grpc-conformance-gateway"));

    assertThat(p.getSpec().getPodSelector().getMatchLabels()).containsExactly(Map.entry("app", "greeter"));
    assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(p.getSpec().getIngress()).singleElement().satisfies(rule -> {
      assertThat(rule.getPorts()).isNullOrEmpty();
      assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
        assertThat(peer.getNamespaceSelector().getMatchLabels())
            .containsExactly(Map.entry("kubernetes.io/metadata.name", "grpc-conformance-system"));
        assertThat(peer.getPodSelector().getMatchLabels())
            .containsExactly(Map.entry("app.kubernetes.io/name", "grpc-conformance-gateway"));
      });
    });
    assertThat(io.grpcconformance.netpol.PolicyValidator.validate(p)).isEmpty();
  }
}
