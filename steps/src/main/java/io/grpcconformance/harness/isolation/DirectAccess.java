package io.grpcconformance.harness.isolation;

import io.grpcconformance.samples.probe.ProbeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Probes a Service's endpoints directly from a pod (bypassing the Service and any gateway), as
 * policies see that traffic: pod IP to pod IP on the target port. Polls until every endpoint gives
 * the wanted outcome or {@link IsolationConfig#cellConvergence()} passes, then one confirming probe
 * decides. A wanted block that never shows for any endpoint is reported as a CNI that does not
 * enforce NetworkPolicy.
 */
public final class DirectAccess {

  private final Prober prober;
  private final IsolationConfig config;
  private final LongSupplier ticker;

  public DirectAccess(Prober prober, IsolationConfig config, LongSupplier ticker) {
    this.prober = Objects.requireNonNull(prober, "prober");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Requires {@code from} to reach ({@code allowed}) or not reach every one of {@code endpoints},
   * measured from a change at {@code changedAtNanos}; returns the confirming results.
   *
   * @throws NetworkPolicyNotEnforcedException when a block was wanted and no endpoint was blocked
   * @throws AssertionError when some endpoints do not give the wanted outcome
   */
  public List<CellProbe> require(
      ProbeSource from, String service, List<ServiceEndpoint> endpoints, boolean allowed,
      long changedAtNanos) {
    if (endpoints.isEmpty()) {
      throw new AssertionError("Service " + service + " has no ready endpoints to probe");
    }
    List<ProbeTarget> targets =
        endpoints.stream().map(e -> new ProbeTarget(e.ip(), e.port())).toList();
    CellOutcome want = allowed ? CellOutcome.CONNECTED : CellOutcome.BLOCKED;
    List<List<CellProbe>> last = new ArrayList<>(List.of(prober.probeFrom(from, targets)));
    if (!wrong(last.get(0), want).isEmpty()) {
      try {
        Awaitility.await("direct calls from " + from.key() + " to " + service + ": " + want)
            .pollInSameThread()
            .pollDelay(config.pollInterval())
            .pollInterval(config.pollInterval())
            .atMost(config.cellConvergence().plus(config.execTimeout()))
            .until(
                () -> {
                  last.set(0, prober.probeFrom(from, targets));
                  return wrong(last.get(0), want).isEmpty()
                      || ticker.getAsLong() - changedAtNanos >= config.cellConvergence().toNanos();
                });
      } catch (ConditionTimeoutException e) {
        // decided by the confirming probe below
      }
    }
    List<CellProbe> confirmation = prober.probeFrom(from, targets);
    List<CellProbe> wrong = wrong(confirmation, want);
    if (wrong.isEmpty()) {
      return confirmation;
    }
    String detail =
        wrong.stream()
            .map(p -> p.cell().to() + " " + p.outcome() + " [" + p.detail() + "]")
            .collect(Collectors.joining("; "));
    if (!allowed && wrong.stream().allMatch(p -> p.outcome() == CellOutcome.CONNECTED)
        && wrong.size() == confirmation.size()) {
      throw new NetworkPolicyNotEnforcedException(
          "the CNI does not enforce NetworkPolicy: direct calls from "
              + from.key()
              + " to the endpoints of "
              + service
              + " still connect "
              + config.cellConvergence()
              + " after the policy (conformance.isolation.cellConvergence): "
              + detail);
    }
    throw new AssertionError(
        "direct calls from " + from.key() + " to " + service + " should be "
            + (allowed ? "allowed" : "blocked") + " but are not: " + detail);
  }

  private static List<CellProbe> wrong(List<CellProbe> probes, CellOutcome want) {
    return probes.stream().filter(p -> p.outcome() != want).toList();
  }
}
