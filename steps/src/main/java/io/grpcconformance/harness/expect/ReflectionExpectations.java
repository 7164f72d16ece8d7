package io.grpcconformance.harness.expect;

import io.grpc.Status;
import io.grpcconformance.harness.grpc.Dial;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.harness.grpc.ReflectionClient;
import io.grpcconformance.harness.wait.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Reflection through a target, repeated until it holds the required number of times in a row. */
public final class ReflectionExpectations {

  private final Eventually eventually;
  private final Duration deadline;

  public ReflectionExpectations(Eventually eventually, Duration deadline) {
    this.eventually = eventually;
    this.deadline = deadline;
  }

  /** The listing contains every one of {@code services}. */
  public List<String> mustList(Supplier<Dial> dial, List<String> services) {
    return eventually.converges(
        "reflection lists " + services,
        () -> {
          List<String> listed = client(dial).listServices().orFail("list services");
          if (!listed.containsAll(services)) {
            throw new AssertionError("reflection listed " + listed);
          }
          return listed;
        });
  }

  /** {@code method} is described with grpcurl's {@code signature}. */
  public ReflectionClient.MethodDescription mustDescribe(
      Supplier<Dial> dial, String method, String signature) {
    return eventually.converges(
        "reflection describes " + method,
        () -> {
          ReflectionClient.MethodDescription d =
              client(dial).describe(method).orFail("describe " + method);
          if (!d.signature().equals(signature)) {
            throw new AssertionError("described as " + d.signature());
          }
          return d;
        });
  }

  /** Invoking {@code method} by name with {@code requestJson} is OK with {@code responseJson}. */
  public ProbeResult mustInvoke(
      Supplier<Dial> dial, String method, String requestJson, String responseJson) {
    return eventually.converges(
        "reflection invokes " + method,
        () -> {
          ProbeResult r =
              client(dial).invoke(method, requestJson, Map.of()).orFail("invoke " + method);
          if (r.code() != Status.Code.OK || !r.responsesJson().equals(List.of(responseJson))) {
            throw new AssertionError("invocation gave " + r.summary() + " " + r.responsesJson());
          }
          return r;
        });
  }

  /** Reflection is refused by the gateway itself: UNIMPLEMENTED with its answer header. */
  public ReflectionClient.Result<List<String>> mustBeUnreachable(Supplier<Dial> dial) {
    return eventually.converges(
        "reflection is not reachable",
        () -> {
          ReflectionClient.Result<List<String>> r = client(dial).listServices();
          if (r.code() != Status.Code.UNIMPLEMENTED || r.gatewayAnswer().isEmpty()) {
            throw new AssertionError(
                "reflection answered "
                    + r.code()
                    + " "
                    + r.description()
                    + (r.gatewayAnswer().isEmpty() ? " (not by the gateway)" : "")
                    + r.value().map(v -> " " + v).orElse(""));
          }
          return r;
        });
  }

  private ReflectionClient client(Supplier<Dial> dial) {
    return new ReflectionClient(dial.get(), deadline);
  }
}
