package io.grpcconformance.harness.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Node;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestSourceParsed;
import io.cucumber.plugin.event.TestStepFinished;
import io.grpcconformance.harness.config.ConfigLoader;
import io.grpcconformance.harness.config.ConformanceConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cucumber plugin that writes {@code conformance-report.yaml} in the Gateway API ConformanceReport
 * format, prints a progress line per scenario and a one-screen summary at the end. Register it with
 * {@code cucumber.plugin=io.grpcconformance.harness.report.ConformanceReportPlugin:<report path>}
 * (without an argument it writes into {@code conformance.reportDir}).
 *
 * <p>Counting follows Cucumber's: one outcome per test case; skipped = Cucumber SKIPPED (thrown
 * {@code TestAbortedException}); pending, undefined and ambiguous count as failed, as in strict
 * mode. Threading: events may arrive from several threads (concurrent listener), so state is kept
 * in concurrent maps and the outcome list is guarded by its own lock.
 */
public final class ConformanceReportPlugin implements ConcurrentEventListener {

  /** The report file name in the report directory. */
  public static final String REPORT_FILE = "conformance-report.yaml";

  /** Names of the other report files the runner configures, listed in the summary. */
  public static final List<String> COMPANION_FILES =
      List.of("cucumber.html", "cucumber.json", "junit.xml", "cucumber.ndjson");

  private final Path reportFile;
  private final ConformanceConfig config;
  private final PrintStream out;
  private final Map<String, String> featureNames = new ConcurrentHashMap<>();
  private final Map<UUID, String> skipReasons = new ConcurrentHashMap<>();
  private final List<ScenarioOutcome> outcomes = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private volatile Instant started = Instant.now();

  /** Writes to {@code conformance.reportDir}/conformance-report.yaml. */
  public ConformanceReportPlugin() {
    this(ConfigLoader.load(), null, System.out);
  }

  /** Writes to {@code reportFile}; Cucumber calls this with the text after the colon. */
  public ConformanceReportPlugin(String reportFile) {
    this(ConfigLoader.load(), Paths.get(reportFile), System.out);
  }

  /** For tests: explicit configuration, report file and console. */
  public ConformanceReportPlugin(ConformanceConfig config, Path reportFile, PrintStream out) {
    this.config = config;
    this.reportFile = reportFile != null ? reportFile : config.reportDir().resolve(REPORT_FILE);
    this.out = out;
  }

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestRunStarted.class, e -> started = e.getInstant());
    publisher.registerHandlerFor(TestSourceParsed.class, this::onSourceParsed);
    publisher.registerHandlerFor(TestStepFinished.class, this::onStepFinished);
    publisher.registerHandlerFor(TestCaseFinished.class, this::onCaseFinished);
    publisher.registerHandlerFor(TestRunFinished.class, this::onRunFinished);
  }

  private void onSourceParsed(TestSourceParsed e) {
    for (Node n : e.getNodes()) {
      if (n instanceof Node.Feature f) {
        featureNames.put(e.getUri().toString(), f.getName().orElse(""));
      }
    }
  }

  /** The first step or hook that skipped with an exception states the reason. */
  private void onStepFinished(TestStepFinished e) {
    Result r = e.getResult();
    if (r.getStatus() == Status.SKIPPED && r.getError() != null) {
      skipReasons.putIfAbsent(e.getTestCase().getId(), oneLine(r.getError()));
    }
  }

  private void onCaseFinished(TestCaseFinished e) {
    TestCase tc = e.getTestCase();
    Result r = e.getResult();
    ScenarioOutcome.Result result =
        switch (r.getStatus()) {
          case PASSED -> ScenarioOutcome.Result.PASSED;
          case SKIPPED -> ScenarioOutcome.Result.SKIPPED;
          default ->
              ScenarioOutcome.Result.FAILED; // FAILED, PENDING, UNDEFINED, AMBIGUOUS (strict)
        };
    String reason =
        switch (result) {
          case PASSED -> "";
          case SKIPPED ->
              skipReasons.getOrDefault(
                  tc.getId(), r.getError() == null ? "" : oneLine(r.getError()));
          case FAILED ->
              r.getError() == null ? r.getStatus().name().toLowerCase() : oneLine(r.getError());
        };
    String location = relative(tc.getUri()) + ":" + tc.getLocation().getLine();
    String line;
    synchronized (outcomes) {
      String name =
          featureNames.getOrDefault(tc.getUri().toString(), relative(tc.getUri()))
              + " / "
              + tc.getName();
      if (!names.add(name)) {
        name = name + " (line " + tc.getLocation().getLine() + ")";
        names.add(name);
      }
      ScenarioOutcome o =
          new ScenarioOutcome(name, location, tc.getTags(), result, reason, r.getDuration());
      outcomes.add(o);
      line = RunSummary.progressLine(outcomes.size(), o);
    }
    out.println(line);
  }

  private void onRunFinished(TestRunFinished e) {
    List<ScenarioOutcome> snapshot;
    synchronized (outcomes) {
      snapshot = List.copyOf(outcomes);
    }
    ReportWriter.write(ReportBuilder.build(snapshot, config, e.getInstant()), reportFile);
    List<Path> reports = new ArrayList<>();
    reports.add(reportFile);
    Path dir = reportFile.toAbsolutePath().getParent();
    for (String f : COMPANION_FILES) {
      reports.add(dir.resolve(f)); // the runner configures them all; some are written after this
    }
    out.println(
        RunSummary.render(
            snapshot, config.env(), Duration.between(started, e.getInstant()), reports));
  }

  /** Outcomes so far, for tests. */
  public List<ScenarioOutcome> outcomes() {
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  private static String relative(java.net.URI uri) {
    if (!"file".equals(uri.getScheme())) {
      return uri.toString();
    }
    Path p = Paths.get(uri);
    Path cwd = Paths.get("").toAbsolutePath();
    return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
  }

  private static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
