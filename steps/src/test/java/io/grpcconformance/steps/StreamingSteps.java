package io.grpcconformance.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.grpc.Status;
import io.grpcconformance.harness.expect.Expectation;
import java.time.Duration;

/**
 * Server and bidirectional streams through the gateway. Each "When" runs one stream on a fresh
 * connection (after the Background proved the route serves); each "Then" checks that stream.
 */
public class StreamingSteps {

  private final ScenarioContext ctx;

  public StreamingSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @When("the client asks for a stream of {int} greetings")
  public void stream(int count) {
    ctx.rememberStream(ctx.greetings().stream(ctx.dial(), count, Duration.ZERO));
  }

  @When("the client asks for a slow stream of {int} greetings with a short deadline")
  public void streamWithDeadline(int count) {
    ctx.rememberStream(
        ctx.greetings()
            .streamWithDeadline(
                ctx.dial(),
                count,
                ctx.config().timeouts().streamMessageInterval(),
                ctx.config().timeouts().shortDeadline()));
  }

  @When("the client cancels a slow stream of {int} greetings after {int}")
  public void cancel(int count, int after) {
    ctx.rememberStream(
        ctx.greetings()
            .cancelAfter(
                ctx.dial(), count, ctx.config().timeouts().streamMessageInterval(), after));
  }

  @When("a slow consumer reads a stream of {int} greetings")
  public void slowConsumer(int count) {
    ctx.rememberStream(
        ctx.greetings()
            .slowConsumer(ctx.dial(), count, ctx.config().timeouts().slowConsumerStall()));
  }

  @When("the client exchanges {int} greetings on a bidirectional stream")
  public void pingPong(int count) {
    ctx.rememberStream(
        ctx.greetings().pingPong(ctx.dial(), count, ctx.config().timeouts().requestTimeout()));
  }

  @Then("all {int} greetings arrive in order from {string}")
  public void inOrder(int count, String backend) {
    Expectation.greetingsInOrder(count, backend).verify(ctx.lastResult());
  }

  @Then("the stream ends {status} before all {int} greetings arrived")
  public void cutShort(Status.Code code, int count) {
    Expectation.cutShort(code, count).verify(ctx.lastResult());
  }

  @Then("the backend received a deadline no longer than the client's")
  public void deadlinePropagated() {
    Expectation.backendReceivedDeadline(ctx.config().timeouts().shortDeadline())
        .verify(ctx.lastResult());
  }
}
