package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.grpcconformance.harness.expect.Expectation;
import io.grpcconformance.harness.tls.LegacyTlsProbe;
import java.util.Arrays;

/** Certificates, Secrets and TLS handshakes at the current target. */
public class TlsSteps {

  private final ScenarioContext ctx;

  public TlsSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Given("a certificate authority {string}")
  public void authority(String name) {
    ctx.pki().createAuthority(name);
  }

  /** {@code hosts} is a comma-separated list of DNS names; the first is the CN. */
  @Given("a TLS Secret {string} for {string} signed by {string}")
  public void secret(String name, String hosts, String ca) {
    ctx.env()
        .createTlsSecret(
            ctx.namespace(), name, ctx.pki().issue(ca, Arrays.asList(hosts.split(",\\s*"))));
  }

  @Then("the server presents a valid certificate for {string}")
  public void validCertificate(String sni) {
    ctx.tls().mustPresentValidCertificate(ctx::address, sni, ctx.trustedCaPem());
  }

  @Then("the server presents a certificate with common name {string} for SNI {string}")
  public void certificateFor(String commonName, String sni) {
    ctx.tls().mustPresentSubject(ctx::address, sni, commonName);
  }

  @Then("the TLS handshake with SNI {string} fails")
  public void handshakeFails(String sni) {
    ctx.tls().mustFailHandshake(ctx::address, sni);
  }

  @Then("a TLS 1.1 handshake with SNI {string} is refused")
  public void tls11Refused(String sni) {
    ctx.tls().mustRefuse(ctx::address, sni, LegacyTlsProbe.TLS_1_1);
  }

  @Then("the connection uses TLS 1.2 or newer with ALPN {string}")
  public void modernTls(String alpn) {
    ctx.expect(Expectation.tls(alpn));
  }

  @Then("the peer certificate has common name {string}")
  public void peerCommonName(String cn) {
    ctx.expect(Expectation.peerCommonName(cn));
  }
}
