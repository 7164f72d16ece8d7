package io.grpcconformance.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The goals of issue 7 ("Reach the goals, measured as ratios in the same run, medians of rounds"),
 * plus the latency-at-load goal of performance.md §6e, evaluated on one run's aggregates.
 */
public final class Goals {
  private Goals() {}

  /**
   * The goals in the order; a goal without data is NOT MEASURED.
   *
   * @param maxPauseInWindowsMillis the gateway's longest GC pause that ended inside one of its
   *     measured windows (start-up and warm-up excluded), NaN when the gateway did not run
   */
  public static List<Goal> evaluate(Map<String, Map<String, Aggregate>> results,
      double maxPauseInWindowsMillis) {
    Ratios r = new Ratios(results);
    List<Goal> goals = new ArrayList<>();
    goals.add(Goal.atMost("Gateway CPU per unary call vs HAProxy (G/H, h2c saturation)",
        r.ratio("G", "H", "unary_h2c", Aggregate::cpuUsPerCall), 1.0, "%.2f"));
    goals.add(Goal.atLeast("Gateway unary throughput vs HAProxy (G/H, h2c saturation)",
        r.ratio("G", "H", "unary_h2c", Aggregate::rps), 1.0, "%.2f"));
    goals.add(Goal.atMost("Added p50 latency, one call in flight (G − D, µs)",
        r.difference("G", "D", "one_in_flight", Aggregate::p50Us), 60, "%.0f"));
    goals.add(Goal.atMost("Added p99 latency, one call in flight (G − D, µs)",
        r.difference("G", "D", "one_in_flight", Aggregate::p99Us), 150, "%.0f"));
    goals.add(Goal.atLeast("TLS throughput vs the gateway's own h2c (G TLS / G h2c)",
        r.ratioAcross("G", "unary_tls", "unary_h2c", Aggregate::rps), 0.85, "%.2f"));
    // The same two throughput goals per dedicated core (10^6 / CPU µs per call): what the
    // throughput would be if the system had its core to itself, i.e. robust to other work
    // sharing the machine (performance.md §6d per-core figure).
    goals.add(Goal.atLeast("… per dedicated core: unary throughput vs HAProxy (G/H)",
        r.ratio("H", "G", "unary_h2c", Aggregate::cpuUsPerCall), 1.0, "%.2f"));
    goals.add(Goal.atLeast("… per dedicated core: TLS vs the gateway's own h2c",
        r.ratioAcross("G", "unary_h2c", "unary_tls", Aggregate::cpuUsPerCall), 0.85, "%.2f"));
    goals.add(Goal.atMost("Gateway CPU per streamed message (µs)",
        r.value("G", "server_streaming", Aggregate::cpuUsPerCall), 2.0, "%.2f"));
    goals.add(Goal.atMost("Non-OK statuses through the gateway, all scenarios and rounds",
        r.totalErrors("G"), 0, "%.0f"));
    goals.add(Goal.atMost("Longest gateway GC pause during its measured windows (ms, GC log)",
        maxPauseInWindowsMillis, 10, "%.1f"));
    goals.add(Goal.atMost("(performance.md §6e) p99 at fixed load vs HAProxy (G/H)",
        r.ratio("G", "H", "fixed_load", Aggregate::p99Us), 1.0, "%.2f"));
    return goals;
  }
}
