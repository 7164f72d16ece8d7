package io.grpcconformance.harness.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the one-screen summary printed at the end of a run and the per-scenario progress line.
 */
public final class RunSummary {

  private RunSummary() {}

  /** {@code [ 12] PASSED 0.8s <name> @tags}, or with the reason for skips and failures. */
  public static String progressLine(int index, ScenarioOutcome o) {
    String reason = o.reason().isEmpty() ? "" : "\n         -> " + o.reason();
    return String.format(
        "[conformance %3d] %-7s %5.1fs  %s  %s%s",
        index,
        o.result(),
        o.duration().toMillis() / 1000.0,
        o.name(),
        String.join(" ", o.tags()),
        reason);
  }

  /** The summary: totals, a table of counts per tag, skip reasons, failures and report paths. */
  public static String render(
      List<ScenarioOutcome> outcomes, String environment, Duration elapsed, List<Path> reports) {
    StringBuilder b = new StringBuilder();
    String rule = "=".repeat(78);
    b.append(rule).append('\n');
    b.append(
        String.format(
            "gRPC conformance on the %s environment: %d scenarios in %.1fs%n",
            environment, outcomes.size(), elapsed.toMillis() / 1000.0));
    b.append(
        String.format(
            "  passed %d   failed %d   skipped %d%n",
            count(outcomes, ScenarioOutcome.Result.PASSED),
            count(outcomes, ScenarioOutcome.Result.FAILED),
            count(outcomes, ScenarioOutcome.Result.SKIPPED)));
    b.append(String.format("  %-22s %7s %7s %7s%n", "tag", "passed", "failed", "skipped"));
    Map<String, List<ScenarioOutcome>> byTag = new TreeMap<>();
    for (ScenarioOutcome o : outcomes) {
      for (String t : o.tags()) {
        byTag.computeIfAbsent(t, k -> new java.util.ArrayList<>()).add(o);
      }
    }
    byTag.forEach(
        (tag, list) ->
            b.append(
                String.format(
                    "  %-22s %7d %7d %7d%n",
                    tag,
                    count(list, ScenarioOutcome.Result.PASSED),
                    count(list, ScenarioOutcome.Result.FAILED),
                    count(list, ScenarioOutcome.Result.SKIPPED))));
    Map<String, Long> reasons =
        outcomes.stream()
            .filter(o -> o.result() == ScenarioOutcome.Result.SKIPPED)
            .collect(
                Collectors.groupingBy(
                    ScenarioOutcome::reason, TreeMap::new, Collectors.counting()));
    if (!reasons.isEmpty()) {
      b.append("  skipped because:\n");
      reasons.forEach(
          (r, n) ->
              b.append(String.format("    %3d x %s%n", n, r.isEmpty() ? "(no reason given)" : r)));
    }
    List<ScenarioOutcome> failed =
        outcomes.stream().filter(o -> o.result() == ScenarioOutcome.Result.FAILED).toList();
    if (!failed.isEmpty()) {
      b.append("  failed:\n");
      failed.forEach(
          o ->
              b.append("    ")
                  .append(o.location())
                  .append("  ")
                  .append(o.name())
                  .append("\n      ")
                  .append(o.reason())
                  .append('\n'));
    }
    b.append("  reports:\n");
    reports.forEach(p -> b.append("    ").append(p).append('\n'));
    b.append(rule);
    return b.toString();
  }

  private static long count(List<ScenarioOutcome> outcomes, ScenarioOutcome.Result r) {
    return outcomes.stream().filter(o -> o.result() == r).count();
  }
}
