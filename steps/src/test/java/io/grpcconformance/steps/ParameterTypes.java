package io.grpcconformance.steps;

import io.cucumber.java.ParameterType;
import io.grpc.Status;
import io.grpcconformance.harness.env.SampleKind;
import io.grpcconformance.harness.k8s.StatusAssertions.Expected;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The custom parameter types of the step vocabulary. */
public class ParameterTypes {

  /** A gRPC status code name: {@code OK}, {@code UNIMPLEMENTED}, ... */
  @ParameterType(
      "OK|CANCELLED|UNKNOWN|INVALID_ARGUMENT|DEADLINE_EXCEEDED|NOT_FOUND|ALREADY_EXISTS"
          + "|PERMISSION_DENIED|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|ABORTED|OUT_OF_RANGE"
          + "|UNIMPLEMENTED"
          + "|INTERNAL|UNAVAILABLE|DATA_LOSS|UNAUTHENTICATED")
  public Status.Code status(String name) {
    return Status.Code.valueOf(name);
  }

  /** Several codes: {@code UNKNOWN, UNAVAILABLE or INTERNAL}. */
  @ParameterType("[A-Z_]+(?:(?:, | or )[A-Z_]+)+")
  public List<Status.Code> statuses(String text) {
    return Arrays.stream(text.split(", | or ")).map(Status.Code::valueOf).toList();
  }

  /** A condition: {@code Accepted=True}, {@code ResolvedRefs=False/BackendNotFound}. */
  @ParameterType("([A-Za-z]+)=(True|False|Unknown)(?:/([A-Za-z]+))?")
  public Expected condition(String type, String status, String reason) {
    return new Expected(type, status, reason == null ? "" : reason);
  }

  /** Which sample service: {@code Greeter} or {@code User}. */
  @ParameterType("Greeter|User")
  public SampleKind sample(String name) {
    return SampleKind.valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Who answered: {@code the gateway}, or a quoted backend name. */
  @ParameterType("the gateway|\"([^\"]*)\"")
  public Answerer answerer(String backend) {
    return new Answerer(backend);
  }

  /** A backend name, or null for the gateway itself. */
  public record Answerer(String backend) {
    public boolean gateway() {
      return backend == null;
    }
  }
}
