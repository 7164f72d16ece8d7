package io.grpcconformance.harness.report;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of one scenario as the reports count it.
 *
 * @param name unique test name: {@code <Feature> / <Scenario>}
 * @param location {@code <feature path>:<line>}
 * @param tags the scenario's tags, including inherited feature tags, e.g. {@code @grpcroute}
 * @param result PASSED, FAILED or SKIPPED (pending, undefined and ambiguous count as FAILED, as
 *     Cucumber's strict mode does)
 * @param reason why it was skipped or failed (one line), else empty
 * @param duration how long it ran
 */
public record ScenarioOutcome(
    String name,
    String location,
    List<String> tags,
    Result result,
    String reason,
    Duration duration) {

  /** How the reports count a scenario. */
  public enum Result {
    PASSED,
    FAILED,
    SKIPPED
  }

  public ScenarioOutcome {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    tags = List.copyOf(tags);
    Objects.requireNonNull(result, "result");
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(duration, "duration");
  }

  /** Whether the scenario carries {@code tag} (with the {@code @}). */
  public boolean hasTag(String tag) {
    return tags.contains(tag);
  }

  /** Extended support level: tagged {@code @extended}; everything else counts as core. */
  public boolean extended() {
    return hasTag("@extended");
  }
}
