package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.nio.file.Path;

/**
 * NetworkPolicy isolation. These scenarios need a CNI that enforces policy; environments without
 * one skip them (tag {@code @isolation}) before any step runs.
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

  @Then("{string} can reach {string} on TCP port {int}")
  public void canReach(String from, String to, int port) {
    ctx.isolation().mustReach(ctx.namespace(), from, to, port, true);
  }

  @Then("{string} cannot reach {string} on TCP port {int}")
  public void cannotReach(String from, String to, int port) {
    ctx.isolation().mustReach(ctx.namespace(), from, to, port, false);
  }

  @Then("{string} in namespace {string} can reach {string} on TCP port {int}")
  public void canReachFrom(String from, String role, String to, int port) {
    ctx.isolation().mustReach(ctx.namespace(role), from, to, port, true);
  }

  @Given("the NetworkPolicy {string}")
  public void policy(String file) {
    ctx.applier().applyFile(POLICIES.resolve(file), ctx.variables(), ctx.namespace());
  }

  @Then("the observed reachability on TCP port {int} matches the expected matrix")
  public void matrix(int port) {
    ctx.isolation().mustMatchExpected(port);
  }
}
