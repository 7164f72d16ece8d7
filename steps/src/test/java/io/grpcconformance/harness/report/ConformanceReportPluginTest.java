package io.grpcconformance.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import io.grpcconformance.harness.config.ConformanceConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs a small feature set through the real Cucumber JUnit Platform engine with the plugin
 * registered, and checks the report against Cucumber's own counts.
 */
class ConformanceReportPluginTest {

  @TempDir static Path dir;
  static TestExecutionSummary summary;
  static Map<String, Object> report;
  static String console;

  @BeforeAll
  static void runFixture() throws Exception {
    Path features = Path.of("src/test/resources/report-fixture").toAbsolutePath();
    Path reportFile = dir.resolve("conformance-report.yaml");
    // Explicit parameters win over -Dcucumber.* given to the outer build.
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectDirectory(features.toFile()))
            .configurationParameter("cucumber.features", features.toString())
            .configurationParameter("cucumber.filter.tags", "not @never")
            .configurationParameter("cucumber.glue", "io.grpcconformance.harness.report.fixture")
            .configurationParameter(
                "cucumber.plugin",
                ConformanceReportPlugin.class.getName()
                    + ":"
                    + reportFile
                    + ", json:"
                    + dir.resolve("cucumber.json"))
            .configurationParameter("cucumber.publish.quiet", "true")
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      launcher.execute(request, listener);
    } finally {
      System.setOut(original);
    }
    console = captured.toString(StandardCharsets.UTF_8);
    summary = listener.getSummary();
    report = new Yaml().load(Files.readString(reportFile));
  }

  @Test
  void cucumberCountsSkippedAsAbortedAndPendingAsFailed() {
    // passes x4 (incl. 2 outline rows), fails, pending, 2 skips
    assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
    assertThat(summary.getTestsFailedCount()).isEqualTo(2);
    assertThat(summary.getTestsAbortedCount()).isEqualTo(2);
  }

  @Test
  void reportIsAConformanceReport() {
    assertThat(report)
        .containsEntry("apiVersion", "gateway.networking.k8s.io/v1")
        .containsEntry("kind", "ConformanceReport")
        .containsEntry("gatewayAPIVersion", "v1.6.1")
        .containsEntry("gatewayAPIChannel", "standard")
        .containsEntry("mode", "default")
        .containsKeys("date", "implementation", "profiles");
    assertThat((String) report.get("date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  @SuppressWarnings("unchecked")
  void profileStatisticsAddUpToCucumbersCounts() {
    List<Map<String, Object>> profiles = (List<Map<String, Object>>) report.get("profiles");
    assertThat(profiles)
        .extracting(p -> p.get("name"))
        .containsExactly("GATEWAY-GRPC", "GATEWAY-GRPC-TLS");
    long passed = 0;
    long failed = 0;
    long skipped = 0;
    for (Map<String, Object> p : profiles) {
      for (String level : List.of("core", "extended")) {
        Map<String, Object> s = (Map<String, Object>) p.get(level);
        if (s != null) {
          Map<String, Integer> stats = (Map<String, Integer>) s.get("statistics");
          passed += stats.get("Passed");
          failed += stats.get("Failed");
          skipped += stats.get("Skipped");
        }
      }
    }
    assertThat(passed).isEqualTo(summary.getTestsSucceededCount());
    assertThat(failed).isEqualTo(summary.getTestsFailedCount());
    assertThat(skipped).isEqualTo(summary.getTestsAbortedCount());

    Map<String, Object> grpc = profiles.get(0);
    Map<String, Object> core = (Map<String, Object>) grpc.get("core");
    assertThat(core).containsEntry("result", "failure");
    assertThat((List<String>) core.get("failedTests")).containsExactly("Report fixture / fails");
    assertThat((List<String>) core.get("skippedTests"))
        .containsExactly("Report fixture / is skipped");
    Map<String, Object> extended = (Map<String, Object>) grpc.get("extended");
    assertThat((Map<String, Integer>) extended.get("statistics"))
        .containsEntry("Passed", 2)
        .containsEntry("Failed", 1)
        .containsEntry("Skipped", 0);
    assertThat(grpc.get("summary"))
        .isEqualTo(
            "Core tests failed with 1 test failures. Extended tests failed with 1 test failures.");

    Map<String, Object> tls = profiles.get(1);
    assertThat((Map<String, Object>) tls.get("core")).containsEntry("result", "partial");
    assertThat(tls.get("summary")).isEqualTo("Core tests partially succeeded with 1 test skips.");
  }

  @Test
  void outlineRowsGetUniqueNames() {
    String yaml = new Yaml().dump(report);
    assertThat(yaml).doesNotContain("outline <n>");
  }

  @Test
  void consoleShowsProgressWithReasonsAndTheSummary() {
    assertThat(console).contains("[conformance   1]");
    assertThat(console).contains("SKIPPED").contains("-> no CNI in the fixture");
    assertThat(console).contains("-> no CNI in the fixture hook");
    assertThat(console).contains("-> expected UNIMPLEMENTED but was OK");
    assertThat(console).contains("passed 4   failed 2   skipped 2");
    assertThat(console).containsPattern("@grpcroute\\s+3\\s+2\\s+1");
    assertThat(console).contains("conformance-report.yaml");
    assertThat(ConformanceConfig.defaults().gatewayApiVersion()).isEqualTo("v1.6.1");
  }
}
