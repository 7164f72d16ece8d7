package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.grpcconformance.harness.isolation.CellProbe;
import io.grpcconformance.harness.isolation.IsolationCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * NetworkPolicy isolation on the 81-cell model (namespaces x, y, z; pods a, b, c; TCP 80 and 81)
 * and around a gateway. Applying a policy prints the matrix the policies imply (netpol engine, no
 * cluster needed); where NetworkPolicy is not enforced, "NetworkPolicy is enforced in this
 * environment" then stops the scenario as skipped with the environment's reason. On a cluster every
 * check probes from inside the pods with fresh connections, polls until the cells match and
 * decides on a confirming pass (harness.isolation).
 */
public class IsolationSteps {

  /** The source material's NetworkPolicies, namespace-free, relative to the repository root. */
  static final Path POLICIES = Path.of("manifests", "suite", "isolation");

  private final ScenarioContext ctx;

  public IsolationSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  private IsolationCheck isolation() {
    return ctx.isolation();
  }

  @Given("the isolation model: namespaces x, y, z with pods a, b, c serving TCP 80 and 81")
  public void model() {
    isolation()
        .startModel(
            ctx.config().namespacePrefix(),
            ctx.config().sampleImage(),
            ctx.config().keepNamespaces(),
            ctx.scenario()::log,
            end -> ctx.cleanup().register("end the isolation model", end));
  }

  @Given("pod {string} is labelled {string}")
  public void labelPod(String pod, String labels) {
    isolation().model().labelPod(pod, IsolationCheck.labels(labels));
  }

  @Given("namespace {string} is labelled {string}")
  public void labelNamespace(String namespace, String labels) {
    isolation().model().labelNamespace(namespace, IsolationCheck.labels(labels));
  }

  @Given("the NetworkPolicy {string}, expected on TCP port {int}")
  public void policy(String file, int port) {
    ctx.scenario().log(isolation().applyPolicyFile(POLICIES.resolve(file), port));
  }

  @Given("this NetworkPolicy, expected on TCP port {int}:")
  public void policyText(int port, String yaml) {
    ctx.scenario().log(isolation().applyPolicyText(yaml, port));
  }

  @When("the NetworkPolicy {string} is deleted from model namespace {word}")
  public void deletePolicy(String name, String namespace) {
    isolation().model().delete(namespace, name);
  }

  @Then("the expected reachability on TCP port {int} is:")
  public void expectedTable(int port, String table) {
    isolation().model().expectTable(port, table);
  }

  @Given("NetworkPolicy is enforced in this environment")
  public void enforced() {
    isolation()
        .enforcementMissing()
        .ifPresent(
            reason -> {
              throw new TestAbortedException(reason);
            });
  }

  @Then("{string} can reach {string} on TCP port {int}")
  public void canReach(String from, String to, int port) {
    isolation().model().mustReach(from, to, port, true);
  }

  @Then("{string} cannot reach {string} on TCP port {int}")
  public void cannotReach(String from, String to, int port) {
    isolation().model().mustReach(from, to, port, false);
  }

  @Then("the observed reachability on TCP port {int} matches the expected matrix")
  public void matrix(int port) {
    isolation().model().mustMatch(port);
  }

  // ---- gateway + isolation ----------------------------------------------------------------

  @Given("a probe pod {string}")
  public void probePod(String name) {
    isolation().deployProbePod(name, ctx.config().sampleImage());
  }

  @When("a NetworkPolicy admits only the gateway's pods to {string}")
  public void gatewayOnly(String service) {
    ctx.scenario().log("applied " + isolation().admitOnlyTheGateway(service).getMetadata().getName()
        + ": ingress to the pods of Service " + service + " only from the gateway's pods");
  }

  @Then("direct calls from {string} to the endpoints of {string} port {int} connect")
  public void directCallsConnect(String from, String service, int port) {
    log(isolation().directCalls(from, service, port, true));
  }

  @Then("direct calls from {string} to the endpoints of {string} port {int} are blocked")
  public void directCallsBlocked(String from, String service, int port) {
    log(isolation().directCalls(from, service, port, false));
  }

  private void log(List<CellProbe> probes) {
    ctx.scenario().log(probes.stream().map(CellProbe::detail).collect(Collectors.joining("\n")));
  }
}
