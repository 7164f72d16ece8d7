package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.nio.file.Path;

/**
 * Kubernetes objects written in the scenario (doc strings) or kept under {@code manifests/suite/}.
 * {@code ${namespace}}, {@code ${namespace.<role>}}, {@code ${gatewayClass}} and {@code
 * ${ingressClass}} are substituted; objects without a namespace go to the scenario's.
 */
public class ManifestSteps {

  /** Where file manifests live, relative to the repository root (the runner's directory). */
  static final Path MANIFESTS = Path.of("manifests", "suite");

  private final ScenarioContext ctx;

  public ManifestSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Given("these objects are applied:")
  public void applied(String yaml) {
    ctx.applier()
        .apply(
            "scenario \"" + ctx.scenario().getName() + "\"",
            yaml,
            ctx.variables(),
            ctx.namespace());
  }

  @Given("these objects are applied in namespace {string}:")
  public void appliedIn(String role, String yaml) {
    ctx.applier()
        .apply(
            "scenario \"" + ctx.scenario().getName() + "\"",
            yaml,
            ctx.variables(),
            ctx.namespace(role));
  }

  @Given("the manifest {string} is applied")
  public void manifest(String file) {
    ctx.applier().applyFile(MANIFESTS.resolve(file), ctx.variables(), ctx.namespace());
  }

  @When("the {word} {string} in namespace {string} is deleted")
  public void deletedIn(String kind, String name, String role) {
    ctx.applier().delete(kind, ctx.namespace(role), name);
  }

  @When("the {word} {string} is deleted")
  public void deleted(String kind, String name) {
    ctx.applier().delete(kind, ctx.namespace(), name);
  }
}
