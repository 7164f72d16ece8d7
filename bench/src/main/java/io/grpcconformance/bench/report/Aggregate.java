package io.grpcconformance.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The medians over rounds of one system in one scenario. Rounds whose placement held are used when
 * there is at least one; otherwise all rounds are, and {@link #placementOk()} is false.
 *
 * @param system D, G, H or N
 * @param scenario scenario key
 * @param rounds rounds measured
 * @param placedRounds rounds whose placement held
 * @param rps median calls (messages) per second
 * @param rpsMin lowest of the rounds used
 * @param rpsMax highest of the rounds used
 * @param cpuUsPerCall median µs of the system's CPU per call
 * @param backendCpuUsPerCall median µs of the backend's CPU per call
 * @param contextSwitchesPerCall median context switches of the system per call
 * @param p50Us median of the rounds' p50
 * @param p99Us median of the rounds' p99
 * @param p999Us median of the rounds' p99.9
 * @param errors sum over all rounds
 * @param unfinished calls still in flight after the windows, sum over all rounds
 * @param placementOk whether every round held its placement
 */
public record Aggregate(String system, String scenario, int rounds, int placedRounds, double rps,
    double rpsMin, double rpsMax, double cpuUsPerCall, double backendCpuUsPerCall,
    double contextSwitchesPerCall, double p50Us,
    double p99Us, double p999Us, long errors, long unfinished, boolean placementOk) {

  /** system → scenario → aggregate, in first-seen order. */
  public static Map<String, Map<String, Aggregate>> of(List<Measurement> measurements) {
    Map<String, Map<String, List<Measurement>>> grouped = new LinkedHashMap<>();
    for (Measurement m : measurements) {
      if (m.round() > 0) {
        grouped.computeIfAbsent(m.system(), k -> new LinkedHashMap<>())
            .computeIfAbsent(m.scenario(), k -> new ArrayList<>()).add(m);
      }
    }
    Map<String, Map<String, Aggregate>> out = new LinkedHashMap<>();
    grouped.forEach((system, scenarios) -> scenarios.forEach((scenario, list) ->
        out.computeIfAbsent(system, k -> new LinkedHashMap<>())
            .put(scenario, aggregate(system, scenario, list))));
    return out;
  }

  static Aggregate aggregate(String system, String scenario, List<Measurement> all) {
    List<Measurement> placed = all.stream().filter(Measurement::placementOk).toList();
    List<Measurement> used = placed.isEmpty() ? all : placed;
    long errors = all.stream().mapToLong(Measurement::errors).sum();
    return new Aggregate(system, scenario, all.size(), placed.size(),
        median(used, Measurement::rps),
        used.stream().mapToDouble(Measurement::rps).min().orElse(Double.NaN),
        used.stream().mapToDouble(Measurement::rps).max().orElse(Double.NaN),
        median(used, Measurement::cpuUsPerCall), median(used, Measurement::backendCpuUsPerCall),
        median(used, Measurement::contextSwitchesPerCall),
        median(used, Measurement::p50Us), median(used, Measurement::p99Us),
        median(used, Measurement::p999Us), errors,
        all.stream().mapToLong(Measurement::unfinished).sum(), placed.size() == all.size());
  }

  /** The median of the non-NaN values, NaN when there are none. */
  static double median(List<Measurement> list, ToDoubleFunction<Measurement> value) {
    double[] values = list.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted()
        .toArray();
    return median(values);
  }

  /** The median of sorted {@code values}, NaN when empty. */
  public static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
