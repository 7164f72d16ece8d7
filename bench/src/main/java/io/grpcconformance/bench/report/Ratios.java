package io.grpcconformance.bench.report;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Ratios and differences of medians between systems or scenarios; NaN when either is missing. */
public final class Ratios {
  private final Map<String, Map<String, Aggregate>> results;

  public Ratios(Map<String, Map<String, Aggregate>> results) {
    this.results = results;
  }

  /** The aggregate, or null. */
  public Aggregate get(String system, String scenario) {
    Map<String, Aggregate> bySystem = results.get(system);
    return bySystem == null ? null : bySystem.get(scenario);
  }

  public double value(String system, String scenario, ToDoubleFunction<Aggregate> metric) {
    Aggregate a = get(system, scenario);
    return a == null ? Double.NaN : metric.applyAsDouble(a);
  }

  /** {@code metric(a) / metric(b)} in {@code scenario}. */
  public double ratio(String a, String b, String scenario, ToDoubleFunction<Aggregate> metric) {
    double denominator = value(b, scenario, metric);
    return denominator == 0 ? Double.NaN : value(a, scenario, metric) / denominator;
  }

  /** {@code metric(a) − metric(b)} in {@code scenario}. */
  public double difference(String a, String b, String scenario,
      ToDoubleFunction<Aggregate> metric) {
    return value(a, scenario, metric) - value(b, scenario, metric);
  }

  /** One system's {@code metric} in {@code scenario} over the same in {@code baseline}. */
  public double ratioAcross(String system, String scenario, String baseline,
      ToDoubleFunction<Aggregate> metric) {
    double denominator = value(system, baseline, metric);
    return denominator == 0 ? Double.NaN : value(system, scenario, metric) / denominator;
  }

  /** Errors of {@code system} over every scenario; NaN when it was not measured. */
  public double totalErrors(String system) {
    Map<String, Aggregate> bySystem = results.get(system);
    if (bySystem == null || bySystem.isEmpty()) {
      return Double.NaN;
    }
    return bySystem.values().stream().mapToLong(Aggregate::errors).sum();
  }
}
