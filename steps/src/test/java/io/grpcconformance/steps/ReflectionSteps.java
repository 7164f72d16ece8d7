package io.grpcconformance.steps;

import io.cucumber.java.en.Then;
import java.util.Arrays;

/** gRPC server reflection through the gateway, as grpcurl uses it. */
public class ReflectionSteps {

  private final ScenarioContext ctx;

  public ReflectionSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Then("reflection lists the services {string}")
  public void lists(String services) {
    ctx.reflection().mustList(ctx::dial, Arrays.asList(services.split(",\\s*")));
  }

  @Then("reflection describes {string} as {string}")
  public void describes(String method, String signature) {
    ctx.reflection().mustDescribe(ctx::dial, method, signature);
  }

  @Then("invoking {string} by reflection with {string} replies {string}")
  public void invokes(String method, String request, String response) {
    ctx.reflection().mustInvoke(ctx::dial, method, request, response);
  }

  @Then("reflection is not reachable")
  public void unreachable() {
    ctx.reflection().mustBeUnreachable(ctx::dial);
  }
}
