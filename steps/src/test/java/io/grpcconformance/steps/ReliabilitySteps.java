package io.grpcconformance.steps;

import io.cucumber.java.en.When;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.Requests;
import io.grpcconformance.harness.reliability.CredentialAttacks;
import java.util.List;
import java.util.Map;

/**
 * Security scenarios: credential attacks on the User sample through the gateway. Each step sends
 * one {@link CredentialAttacks} request; the existing call and auth steps assert the answer and
 * that no password is revealed. Scenarios name demo accounts, never passwords.
 */
public class ReliabilitySteps {

  private final ScenarioContext ctx;

  public ReliabilitySteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @When("the client calls {string} as {string} with the username also sent as {string}")
  public void usernameRepeated(String method, String account, String other) {
    send(method, CredentialAttacks.usernameRepeated(account, other));
  }

  @When("the client calls {string} as {string} with the password sent twice, the first one wrong")
  public void passwordRepeated(String method, String account) {
    send(method, CredentialAttacks.passwordRepeated(account));
  }

  @When("the client calls {string} with the credentials of {string} under binary keys only")
  public void binaryKeysOnly(String method, String account) {
    send(method, CredentialAttacks.binaryKeysOnly(account));
  }

  @When("the client calls {string} as {string} with the credentials of {string} under binary keys")
  public void binaryKeysBeside(String method, String account, String other) {
    send(method, CredentialAttacks.binaryKeysBeside(account, other));
  }

  @When("the client calls {string} with the username of {string} and the password of {string}")
  public void mixed(String method, String usernameOf, String passwordOf) {
    send(method, CredentialAttacks.mixed(usernameOf, passwordOf));
  }

  @When("the client calls {string} as {string} with a space after the password")
  public void trailingSpace(String method, String account) {
    send(method, CredentialAttacks.passwordWithTrailingSpace(account));
  }

  @When("the client calls {string} as {string} with the username in upper case")
  public void upperCase(String method, String account) {
    send(method, CredentialAttacks.usernameUpperCase(account));
  }

  @When("the client calls {string} as {string} claiming to be {string} in identity headers")
  public void identityHeaders(String method, String account, String claimed) {
    send(method, CredentialAttacks.identityHeaders(account, claimed));
  }

  @When("the client calls {string} with the credentials of {string} in the request body only")
  public void credentialsInBody(String method, String account) {
    ProbeRequest request =
        new ProbeRequest(
            ctx.dial(),
            method,
            CredentialAttacks.credentialsInBody(account),
            Map.of(),
            ctx.config().timeouts().requestTimeout());
    ctx.remember(request, ctx.probe().call(request));
  }

  private void send(String method, Map<String, List<String>> metadata) {
    ProbeRequest request =
        Requests.of(ctx.dial(), method, metadata, ctx.config().timeouts().requestTimeout());
    ctx.remember(request, ctx.probe().call(request));
  }
}
