package io.grpcconformance.bench.report;

/**
 * One goal of issue 7 evaluated on the medians of a run.
 *
 * @param name what is required
 * @param target the bound, as text (e.g. {@code ≤ 1.00})
 * @param measured the measured value, as text ({@code n/a} when not measured)
 * @param status PASS, FAIL or NOT MEASURED
 * @param value the measured number (NaN when not measured)
 */
public record Goal(String name, String target, String measured, String status, double value) {

  static Goal atMost(String name, double value, double bound, String format) {
    return check(name, "≤ " + String.format(format, bound), value, value <= bound, format);
  }

  static Goal atLeast(String name, double value, double bound, String format) {
    return check(name, "≥ " + String.format(format, bound), value, value >= bound, format);
  }

  private static Goal check(String name, String target, double value, boolean holds,
      String format) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return new Goal(name, target, "n/a", "NOT MEASURED", Double.NaN);
    }
    return new Goal(name, target, String.format(format, value), holds ? "PASS" : "FAIL", value);
  }
}
