package io.grpcconformance.steps;

import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.grpc.Status;
import io.grpcconformance.harness.expect.Expectation;
import io.grpcconformance.harness.grpc.ClientTls;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.Requests;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * gRPC calls through the gateway under test. A "When" step makes one call and remembers it; each
 * "Then" step repeats that call until the expectation holds the required number of times in a row
 * (gateway-api's eventually-consistent requests), so configuration that is still converging does
 * not make a scenario flaky.
 */
public class GrpcCallSteps {

  private final ScenarioContext ctx;

  public GrpcCallSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Given("the client connects to Gateway {string} on port {int}")
  public void connect(String gateway, int port) {
    String ns = ctx.namespace();
    ctx.target(() -> ctx.env().gatewayAddress(ns, gateway, port), Optional.empty());
  }

  @Given("the client connects to Gateway {string} on port {int} over TLS trusting {string}")
  public void connectTls(String gateway, int port, String ca) {
    String ns = ctx.namespace();
    ctx.target(
        () -> ctx.env().gatewayAddress(ns, gateway, port),
        Optional.of(ClientTls.trusting(ctx.pki().caPem(ca))));
  }

  @Given("the client connects to Gateway {string} on port {int} over TLS trusting any certificate")
  public void connectTlsTrustAll(String gateway, int port) {
    String ns = ctx.namespace();
    ctx.target(
        () -> ctx.env().gatewayAddress(ns, gateway, port), Optional.of(ClientTls.trustAll()));
  }

  @Given("the client uses authority {string}")
  public void authority(String authority) {
    ctx.authority(authority);
  }

  @When("the client calls {string}")
  public void call(String method) {
    call(method, Map.of());
  }

  @When("the client calls {string} with metadata {string}")
  public void callWithMetadata(String method, String metadata) {
    call(method, Requests.metadata(metadata));
  }

  @When("the client calls {string} with authority {string}")
  public void callWithAuthority(String method, String authority) {
    ctx.authority(authority);
    call(method, Map.of());
  }

  @When("the client calls {string} with authority {string} and metadata {string}")
  public void callWithAuthorityAndMetadata(String method, String authority, String metadata) {
    ctx.authority(authority);
    call(method, Requests.metadata(metadata));
  }

  @When("the client calls {string} with:")
  public void callWithBody(String method, String json) {
    send(
        new ProbeRequest(
            ctx.dial(), method, json, Map.of(), ctx.config().timeouts().requestTimeout()));
  }

  private void call(String method, Map<String, List<String>> metadata) {
    send(Requests.of(ctx.dial(), method, metadata, ctx.config().timeouts().requestTimeout()));
  }

  private void send(ProbeRequest request) {
    ctx.remember(request, ctx.probe().call(request));
  }

  @Then("the call is served by {string}")
  public void servedBy(String backend) {
    expect(Expectation.servedBy(backend, ctx.namespace()));
  }

  @Then("the call is served by {string} in namespace {string}")
  public void servedByIn(String backend, String role) {
    expect(Expectation.servedBy(backend, ctx.namespace(role)));
  }

  @Then("the answer is {status} from {answerer}")
  public void answer(Status.Code code, ParameterTypes.Answerer answerer) {
    expect(
        answerer.gateway()
            ? Expectation.gatewayAnswers(code)
            : code == Status.Code.OK
                ? Expectation.servedBy(answerer.backend(), ctx.namespace())
                : Expectation.backendAnswers(code, answerer.backend()));
  }

  @Then("the call succeeds")
  public void succeeds() {
    expect(Expectation.status(Status.Code.OK));
  }

  @Then("the call does not succeed")
  public void doesNotSucceed() {
    expect(Expectation.notOk());
  }

  @Then("the call fails with {status}")
  public void fails(Status.Code code) {
    expect(Expectation.status(code));
  }

  @Then("the call fails with {statuses}")
  public void failsWithOneOf(List<Status.Code> codes) {
    expect(Expectation.statusIn(codes));
  }

  @Then("the call fails with {status} mentioning {string}")
  public void failsMentioning(Status.Code code, String text) {
    expect(Expectation.status(code).and(Expectation.descriptionContains(text)));
  }

  @Then("the backend receives header {string} with value {string}")
  public void backendReceives(String name, String value) {
    expect(Expectation.backendReceived(name, List.of(value)));
  }

  @Then("the backend receives header {string} with values {string}")
  public void backendReceivesValues(String name, String values) {
    expect(Expectation.backendReceived(name, List.of(values.split(",\\s*"))));
  }

  @Then("the backend does not receive header {string}")
  public void backendDoesNotReceive(String name) {
    expect(Expectation.backendDidNotReceive(name));
  }

  @Then("the backend sees authority {string}")
  public void backendAuthority(String authority) {
    expect(Expectation.backendSawAuthority(authority));
  }

  @Then("the response carries header {string} with value {string}")
  public void responseHeader(String name, String value) {
    expect(Expectation.responseHeader(name, List.of(value)));
  }

  @Then("the response does not carry header {string}")
  public void noResponseHeader(String name) {
    expect(Expectation.noResponseHeader(name));
  }

  /** Columns: backend, weight. Upstream samples 500 calls with a 5-point tolerance. */
  @Then("{int} calls are split between the backends within {int} percentage points:")
  public void split(int calls, int points, DataTable weights) {
    Map<String, Integer> w = new LinkedHashMap<>();
    weights.asMaps().forEach(row -> w.put(row.get("backend"), Integer.parseInt(row.get("weight"))));
    ctx.weights().mustSplit(ctx.lastRequest().get(), calls, w, points);
  }

  private void expect(Expectation expectation) {
    ctx.expect(expectation);
  }
}
