package io.grpcconformance.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import io.grpcconformance.harness.cluster.GatewayLogSource;
import io.grpcconformance.harness.env.SkipPolicy;
import io.grpcconformance.harness.k8s.Diagnostics;
import io.grpcconformance.harness.reliability.ShutdownCleanup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Scenario lifecycle: the environment starts once per run; each scenario is either skipped with its
 * reason or gets its own namespace; afterwards failures get diagnostics attached and everything the
 * scenario created is removed, whether it passed or not.
 */
public class Hooks {

  /** How many journal lines (timestamped attempts) a failed scenario gets attached. */
  private static final int JOURNAL_TAIL = 60;

  private final ScenarioContext ctx;
  private ShutdownCleanup onInterrupt;

  public Hooks(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @BeforeAll
  public static void startEnvironment() {
    SuiteRuntime.environment();
  }

  @AfterAll
  public static void stopEnvironment() {
    SuiteRuntime.close();
  }

  /**
   * Skips with the reason (Cucumber counts an {@link TestAbortedException} as SKIPPED; a
   * PendingException would count as failed), or creates the scenario's namespace.
   */
  @Before(order = 0)
  public void beginScenario(Scenario scenario) {
    ctx.begin(scenario);
    Optional<String> reason =
        SkipPolicy.reasonToSkip(scenario.getSourceTagNames(), ctx.env(), ctx.config());
    if (reason.isPresent()) {
      throw new TestAbortedException(reason.get());
    }
    // A SIGINT/SIGTERM during the scenario skips @After hooks; this still removes its objects.
    onInterrupt = ShutdownCleanup.install(ctx.cleanup());
    String ns = ctx.createNamespace("", Map.of());
    scenario.log("namespace " + ns + " on the " + ctx.env().name() + " environment");
  }

  @After(order = 0)
  public void endScenario(Scenario scenario) {
    try {
      if (scenario.isFailed()) {
        attachDiagnostics(scenario);
      }
    } finally {
      if (onInterrupt != null) {
        onInterrupt.close();
      }
      List<String> failures = ctx.cleanup().runAll();
      if (!failures.isEmpty()) {
        scenario.log(String.join("\n", failures));
      }
    }
  }

  private void attachDiagnostics(Scenario scenario) {
    List<String> journal = ctx.journal();
    synchronized (journal) {
      int from = Math.max(0, journal.size() - JOURNAL_TAIL);
      scenario.attach(
          String.join("\n", journal.subList(from, journal.size())), "text/plain", "attempts");
    }
    try {
      scenario.attach(
          Diagnostics.routingObjects(
              ctx.env().client(),
              ctx.variables().entrySet().stream()
                  .filter(e -> e.getKey().startsWith("namespace"))
                  .map(Map.Entry::getValue)
                  .toList()),
          "text/x-yaml",
          "routing objects");
    } catch (RuntimeException e) {
      scenario.log("no diagnostics: " + e.getMessage());
    }
    // In-cluster gateways (k3s, kubeconfig) also contribute their pods' recent logs.
    if (ctx.env() instanceof GatewayLogSource gateway) {
      scenario.attach(gateway.gatewayLogs(), "text/plain", "gateway logs");
    }
  }
}
