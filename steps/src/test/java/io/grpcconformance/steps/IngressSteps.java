package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.grpcconformance.harness.grpc.ClientTls;
import java.util.Optional;

/** Clients of the ingress controller that serves the configured ingress class. */
public class IngressSteps {

  private final ScenarioContext ctx;

  public IngressSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Given("the client connects to the ingress controller on port {int}")
  public void connect(int port) {
    ctx.target(() -> ctx.env().ingressAddress(port), Optional.empty());
  }

  @Given("the client connects to the ingress controller on port {int} over TLS trusting {string}")
  public void connectTls(int port, String ca) {
    ctx.target(
        () -> ctx.env().ingressAddress(port), Optional.of(ClientTls.trusting(ctx.pki().caPem(ca))));
  }

  @Given(
      "the client connects to the ingress controller on port {int} over TLS trusting any"
          + " certificate")
  public void connectTlsTrustAll(int port) {
    ctx.target(() -> ctx.env().ingressAddress(port), Optional.of(ClientTls.trustAll()));
  }

  @Then("the server presents the ingress fallback certificate for SNI {string}")
  public void fallbackCertificate(String sni) {
    ctx.tls().mustPresentSubject(ctx::address, sni, ctx.config().ingressFallbackCommonName());
  }
}
