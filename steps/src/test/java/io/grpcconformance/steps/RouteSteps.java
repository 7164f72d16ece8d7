package io.grpcconformance.steps;

import io.cucumber.java.en.Then;
import io.grpcconformance.harness.k8s.StatusAssertions.Expected;
import java.util.List;

/** GRPCRoute status as the gateway under test reports it. */
public class RouteSteps {

  private final ScenarioContext ctx;

  public RouteSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Then("the GRPCRoute {string} is accepted by Gateway {string}")
  public void accepted(String route, String gateway) {
    ctx.status().routeMustBeAccepted(ctx.namespace(), route, ctx.namespace(), gateway);
  }

  @Then("the GRPCRoute {string} in namespace {string} is accepted by Gateway {string}")
  public void acceptedFrom(String route, String role, String gateway) {
    ctx.status().routeMustBeAccepted(ctx.namespace(role), route, ctx.namespace(), gateway);
  }

  @Then("the GRPCRoute {string} has {condition} for Gateway {string}")
  public void has(String route, Expected condition, String gateway) {
    ctx.status()
        .routeMustHaveParentConditions(
            ctx.namespace(), route, ctx.namespace(), gateway, List.of(condition));
  }

  @Then("the GRPCRoute {string} in namespace {string} has {condition} for Gateway {string}")
  public void hasFrom(String route, String role, Expected condition, String gateway) {
    ctx.status()
        .routeMustHaveParentConditions(
            ctx.namespace(role), route, ctx.namespace(), gateway, List.of(condition));
  }
}
