package io.grpcconformance.harness.expect;

import io.grpc.Status;
import io.grpcconformance.harness.grpc.GrpcProbe;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.ProbeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Checks a weighted split as the upstream suite's {@code weight} package does: send a number of
 * calls, compute each backend's share, require every share within a tolerance of its weight and the
 * set of backends that got traffic to equal the set with a weight above zero. A random split can
 * fall outside the tolerance by chance, so the sample is retried a few times.
 */
public final class WeightSampler {

  private static final Logger LOG = Logger.getLogger(WeightSampler.class.getName());

  private final GrpcProbe probe;
  private final int maxAttempts;

  /**
   * @param maxAttempts how many samples may be taken before failing (upstream: 10)
   */
  public WeightSampler(GrpcProbe probe, int maxAttempts) {
    this.probe = probe;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Passes when one sample of {@code calls} matches {@code weights} (backend → weight) within
   * {@code tolerancePoints} percentage points; returns the observed counts of the passing sample.
   */
  public Map<String, Integer> mustSplit(
      ProbeRequest request, int calls, Map<String, Integer> weights, double tolerancePoints) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    String last = "";
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Map<String, Integer> counts = new TreeMap<>();
      for (ProbeResult r : probe.callRepeatedly(request, calls)) {
        if (r.code() != Status.Code.OK) {
          throw new AssertionError("weighted call failed: " + r.summary());
        }
        counts.merge(r.backend(), 1, Integer::sum);
      }
      last = check(counts, weights, total, calls, tolerancePoints);
      if (last.isEmpty()) {
        return counts;
      }
      LOG.info("weight sample " + attempt + "/" + maxAttempts + " outside tolerance: " + last);
    }
    throw new AssertionError(
        "weighted split did not match "
            + weights
            + " within "
            + tolerancePoints
            + " points in "
            + maxAttempts
            + " samples of "
            + calls
            + " calls; last: "
            + last);
  }

  /** Empty when {@code counts} fits; otherwise what does not. */
  static String check(
      Map<String, Integer> counts,
      Map<String, Integer> weights,
      int total,
      int calls,
      double tolerancePoints) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (String backend : counts.keySet()) {
      if (weights.getOrDefault(backend, 0) == 0) {
        problems.put(backend, "got " + counts.get(backend) + " calls with weight 0");
      }
    }
    for (Map.Entry<String, Integer> w : weights.entrySet()) {
      double expected = 100.0 * w.getValue() / total;
      double actual = 100.0 * counts.getOrDefault(w.getKey(), 0) / calls;
      if (Math.abs(expected - actual) > tolerancePoints) {
        problems.put(w.getKey(), String.format("%.1f%% instead of %.1f%%", actual, expected));
      }
    }
    return problems.isEmpty() ? "" : problems + " (counts " + counts + ")";
  }

  /** For logs: backends in {@code weights} order. */
  public static List<String> names(Map<String, Integer> weights) {
    return List.copyOf(weights.keySet());
  }
}
