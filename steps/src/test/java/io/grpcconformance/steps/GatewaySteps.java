package io.grpcconformance.steps;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.grpcconformance.harness.k8s.GatewayManifests;
import io.grpcconformance.harness.k8s.GatewayManifests.ListenerRow;
import io.grpcconformance.harness.k8s.StatusAssertions.Expected;
import java.util.List;

/** Gateways of the class under test and their status. */
public class GatewaySteps {

  private final ScenarioContext ctx;

  public GatewaySteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Columns: name, protocol, port, hostname, certificate, routes from (the last three optional).
   */
  @Given("the Gateway {string} with listeners:")
  public void gateway(String name, DataTable listeners) {
    ctx.applier()
        .create(
            GatewayManifests.gateway(
                ctx.namespace(),
                name,
                ctx.config().gatewayClass(),
                listeners.asMaps().stream().map(ListenerRow::of).toList()));
  }

  @Then("the GatewayClass under test is accepted")
  public void classAccepted() {
    ctx.status().gatewayClassMustBeAccepted(ctx.config().gatewayClass());
  }

  @Then("the Gateway {string} is programmed")
  public void programmed(String name) {
    ctx.status().gatewayMustBeProgrammed(ctx.namespace(), name);
  }

  @Then("the Gateway {string} has {condition}")
  public void gatewayHas(String name, Expected condition) {
    ctx.status().gatewayMustHaveConditions(ctx.namespace(), name, List.of(condition));
  }

  @Then("listener {string} of Gateway {string} has {condition}")
  public void listenerHas(String listener, String gateway, Expected condition) {
    ctx.status().listenerMustHave(ctx.namespace(), gateway, listener, condition);
  }

  @Then("listener {string} of Gateway {string} has {int} attached route(s)")
  public void attachedRoutes(String listener, String gateway, int count) {
    ctx.status().listenerMustHaveAttachedRoutes(ctx.namespace(), gateway, listener, count);
  }
}
