package io.grpcconformance.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.grpcconformance.harness.auth.DemoAccounts;
import io.grpcconformance.harness.expect.Expectation;
import io.grpcconformance.harness.grpc.Requests;
import java.util.List;
import java.util.Map;

/**
 * Application-level auth of the User sample through the gateway. Scenarios name demo accounts;
 * passwords stay inside {@link DemoAccounts} and never reach feature text, logs or reports.
 */
public class AuthSteps {

  private final ScenarioContext ctx;

  public AuthSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @When("the client calls {string} as {string}")
  public void callAs(String method, String account) {
    send(method, DemoAccounts.credentials(account));
  }

  @When("the client calls {string} as {string} with a wrong password")
  public void callWithWrongPassword(String method, String account) {
    send(method, DemoAccounts.wrongPassword(account));
  }

  @When("the client calls {string} without credentials")
  public void callWithoutCredentials(String method) {
    send(method, Map.of());
  }

  @Then("the backend receives the credentials of {string} intact")
  public void credentialsIntact(String account) {
    ctx.expect(
        Expectation.backendReceived("username", List.of(account))
            .and(Expectation.backendReceived("password", List.of(DemoAccounts.redacted(account)))));
  }

  @Then("no password appears in the response")
  public void noPassword() {
    ctx.expect(Expectation.revealsNone(DemoAccounts.allPasswords()));
  }

  private void send(String method, Map<String, List<String>> metadata) {
    var request =
        Requests.of(ctx.dial(), method, metadata, ctx.config().timeouts().requestTimeout());
    ctx.remember(request, ctx.probe().call(request));
  }
}
