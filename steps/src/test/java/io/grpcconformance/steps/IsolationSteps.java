package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.nio.file.Path;
import org.opentest4j.TestAbortedException;

/**
 * NetworkPolicy isolation. Applying a policy prints the matrix the policies imply (computed by the
 * netpol engine, no cluster needed); where NetworkPolicy is not enforced the scenario then stops as
 * skipped with the environment's reason.
 */
public class IsolationSteps {

  /** The source material's NetworkPolicies, namespace-free, relative to the repository root. */
  static final Path POLICIES = Path.of("manifests", "suite", "isolation");

  private final ScenarioContext ctx;

  public IsolationSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Given("the reachability workloads, with a client in namespace {string}")
  public void workloads(String clientRole) {
    ctx.isolation().deployWorkloads(ctx.namespace(clientRole));
  }

  @Given("the NetworkPolicy {string}, expected on TCP port {int}")
  public void policy(String file, int port) {
    ctx.scenario()
        .log(
            ctx.isolation()
                .applyPolicy(ctx.applier(), POLICIES.resolve(file), ctx.variables(), port));
  }

  @Given("NetworkPolicy is enforced in this environment")
  public void enforced() {
    ctx.isolation()
        .enforcementMissing()
        .ifPresent(
            reason -> {
              throw new TestAbortedException(reason);
            });
  }

  @Then("{string} can reach {string} on TCP port {int}")
  public void canReach(String from, String to, int port) {
    ctx.isolation().mustReach("app", from, to, port, true);
  }

  @Then("{string} cannot reach {string} on TCP port {int}")
  public void cannotReach(String from, String to, int port) {
    ctx.isolation().mustReach("app", from, to, port, false);
  }

  @Then("{string} in namespace {string} can reach {string} on TCP port {int}")
  public void canReachFrom(String from, String role, String to, int port) {
    ctx.isolation().mustReach(role, from, to, port, true);
  }

  @Then("the observed reachability on TCP port {int} matches the expected matrix")
  public void matrix(int port) {
    ctx.isolation().mustMatchExpected(port);
  }
}
