package io.grpcconformance.harness.report;

import io.grpcconformance.harness.config.ConformanceConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Gateway API {@code ConformanceReport} (gateway.networking.k8s.io/v1, as {@code
 * conformance/apis/v1} defines it) from scenario outcomes. Pure: same input, same map.
 *
 * <p>Result rules, as upstream {@code utils/suite/reports.go}: {@code failure} if any test failed,
 * otherwise {@code partial} if any was skipped, otherwise {@code success}. The extended section is
 * present only when at least one extended scenario ran.
 */
public final class ReportBuilder {

  private ReportBuilder() {}

  /** The report as an ordered map, ready for YAML. */
  public static Map<String, Object> build(
      List<ScenarioOutcome> outcomes, ConformanceConfig config, Instant date) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("apiVersion", "gateway.networking.k8s.io/v1");
    report.put("kind", "ConformanceReport");
    report.put(
        "date",
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
            date.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
    report.put("gatewayAPIVersion", config.gatewayApiVersion());
    report.put("gatewayAPIChannel", config.gatewayApiChannel());
    report.put("mode", config.mode());
    ConformanceConfig.Implementation impl = config.implementation();
    Map<String, Object> implementation = new LinkedHashMap<>();
    implementation.put("organization", impl.organization());
    implementation.put("project", impl.project());
    implementation.put("url", impl.url());
    implementation.put("version", impl.version());
    implementation.put("contact", impl.contact());
    report.put("implementation", implementation);

    List<Map<String, Object>> profiles = new ArrayList<>();
    List<Profile> order = new ArrayList<>(Profile.ALL);
    order.add(Profile.OTHER);
    for (Profile p : order) {
      List<ScenarioOutcome> mine = outcomes.stream().filter(o -> Profile.of(o).equals(p)).toList();
      if (mine.isEmpty()) {
        continue;
      }
      profiles.add(profile(p, mine));
    }
    report.put("profiles", profiles);
    report.put("succeededProvisionalTests", List.of());
    return report;
  }

  private static Map<String, Object> profile(Profile p, List<ScenarioOutcome> outcomes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", p.name());
    List<ScenarioOutcome> core = outcomes.stream().filter(o -> !o.extended()).toList();
    List<ScenarioOutcome> extended = outcomes.stream().filter(ScenarioOutcome::extended).toList();
    Map<String, Object> coreSection = section(core);
    Map<String, Object> extendedSection = extended.isEmpty() ? null : section(extended);
    out.put("summary", summary(coreSection, extendedSection));
    out.put("core", coreSection);
    if (extendedSection != null) {
      out.put("extended", extendedSection);
    }
    return out;
  }

  private static Map<String, Object> section(List<ScenarioOutcome> outcomes) {
    long passed = count(outcomes, ScenarioOutcome.Result.PASSED);
    long failed = count(outcomes, ScenarioOutcome.Result.FAILED);
    long skipped = count(outcomes, ScenarioOutcome.Result.SKIPPED);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("result", failed > 0 ? "failure" : skipped > 0 ? "partial" : "success");
    Map<String, Object> stats =
        new LinkedHashMap<>(); // capitalised keys, as upstream (no json tags)
    stats.put("Passed", passed);
    stats.put("Failed", failed);
    stats.put("Skipped", skipped);
    s.put("statistics", stats);
    List<String> skippedTests = names(outcomes, ScenarioOutcome.Result.SKIPPED);
    List<String> failedTests = names(outcomes, ScenarioOutcome.Result.FAILED);
    if (!skippedTests.isEmpty()) {
      s.put("skippedTests", skippedTests);
    }
    if (!failedTests.isEmpty()) {
      s.put("failedTests", failedTests);
    }
    return s;
  }

  private static String summary(Map<String, Object> core, Map<String, Object> extended) {
    String text = "Core tests " + phrase(core) + ".";
    if (extended != null) {
      text += " Extended tests " + phrase(extended) + ".";
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private static String phrase(Map<String, Object> section) {
    Map<String, Object> stats = (Map<String, Object>) section.get("statistics");
    return switch ((String) section.get("result")) {
      case "success" -> "succeeded";
      case "partial" -> "partially succeeded with " + stats.get("Skipped") + " test skips";
      default -> "failed with " + stats.get("Failed") + " test failures";
    };
  }

  private static long count(List<ScenarioOutcome> outcomes, ScenarioOutcome.Result r) {
    return outcomes.stream().filter(o -> o.result() == r).count();
  }

  private static List<String> names(List<ScenarioOutcome> outcomes, ScenarioOutcome.Result r) {
    return outcomes.stream()
        .filter(o -> o.result() == r)
        .map(ScenarioOutcome::name)
        .sorted()
        .toList();
  }
}
