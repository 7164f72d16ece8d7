package io.grpcconformance.harness.expect;

import io.grpc.Status;
import io.grpcconformance.harness.grpc.ProbeResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A check on one probe result, with a description for logs. Checks throw {@link AssertionError}
 * with the observed result when they do not hold.
 *
 * @param description what is expected, e.g. "OK served by greeter-v1 in ns-1"
 * @param check throws when {@code result} does not meet the expectation
 */
public record Expectation(String description, Consumer<ProbeResult> check) {

  public Expectation {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(check, "check");
  }

  /** Both this and {@code other}. */
  public Expectation and(Expectation other) {
    return new Expectation(description + " and " + other.description(), r -> {
      check.accept(r);
      other.check().accept(r);
    });
  }

  /** OK, answered by a pod of {@code backend} in {@code namespace}, running the called method. */
  public static Expectation servedBy(String backend, String namespace) {
    return new Expectation("OK served by " + backend + " in " + namespace, r -> {
      require(r.code() == Status.Code.OK, r, "status OK");
      require(backend.equals(r.backend()), r, "backend " + backend);
      require(namespace.equals(r.servedNamespace()), r, "namespace " + namespace);
    });
  }

  /** Ends with {@code code}, whoever answers. */
  public static Expectation status(Status.Code code) {
    return new Expectation("status " + code, r -> require(r.code() == code, r, "status " + code));
  }

  /** Ends with one of {@code codes}. */
  public static Expectation statusIn(List<Status.Code> codes) {
    return new Expectation("status in " + codes, r -> require(codes.contains(r.code()), r, "status in " + codes));
  }

  /** Ends with {@code code} set by the gateway itself: no backend answered and it says so. */
  public static Expectation gatewayAnswers(Status.Code code) {
    return new Expectation(code + " answered by the gateway", r -> {
      require(r.code() == code, r, "status " + code);
      require(!r.reachedBackend(), r, "no backend answer");
      require(!r.header(ProbeResult.GATEWAY_ANSWER).isEmpty(), r,
          "response header " + ProbeResult.GATEWAY_ANSWER);
    });
  }

  /** Ends with {@code code} set by a pod of {@code backend}. */
  public static Expectation backendAnswers(Status.Code code, String backend) {
    return new Expectation(code + " answered by " + backend, r -> {
      require(r.code() == code, r, "status " + code);
      require(backend.equals(r.backend()), r, "backend " + backend);
    });
  }

  /** The backend received request header {@code name} with exactly {@code values}. */
  public static Expectation backendReceived(String name, List<String> values) {
    return new Expectation("backend received " + name + "=" + values, r -> {
      require(r.echo().isPresent(), r, "a backend echo");
      require(r.echoedHeader(name).equals(values), r,
          name + "=" + values + " at the backend (saw " + r.echoedHeader(name) + ")");
    });
  }

  /** The backend did not receive request header {@code name}. */
  public static Expectation backendDidNotReceive(String name) {
    return new Expectation("backend did not receive " + name, r -> {
      require(r.echo().isPresent(), r, "a backend echo");
      require(r.echoedHeader(name).isEmpty(), r, "no " + name + " at the backend (saw " + r.echoedHeader(name) + ")");
    });
  }

  /** The backend received {@code :authority} {@code authority}. */
  public static Expectation backendSawAuthority(String authority) {
    return new Expectation("backend saw authority " + authority,
        r -> require(authority.equals(r.echoedAuthority()), r, "authority " + authority + " at the backend"));
  }

  /** The client got response header (or trailer) {@code name} with exactly {@code values}. */
  public static Expectation responseHeader(String name, List<String> values) {
    return new Expectation("response header " + name + "=" + values,
        r -> require(r.headerValues(name).equals(values), r,
            "response " + name + "=" + values + " (got " + r.headerValues(name) + ")"));
  }

  /** The client got no response header or trailer {@code name}. */
  public static Expectation noResponseHeader(String name) {
    return new Expectation("no response header " + name,
        r -> require(r.headerValues(name).isEmpty(), r, "no response " + name + " (got " + r.headerValues(name) + ")"));
  }

  /** The status description contains {@code text}. */
  public static Expectation descriptionContains(String text) {
    return new Expectation("description contains '" + text + "'",
        r -> require(r.description().contains(text), r, "description containing '" + text + "'"));
  }

  /** The call took less than {@code bound}. */
  public static Expectation fasterThan(Duration bound) {
    return new Expectation("ended within " + bound.toMillis() + " ms",
        r -> require(r.elapsed().compareTo(bound) < 0, r, "end within " + bound.toMillis() + " ms (took "
            + r.elapsed().toMillis() + " ms)"));
  }

  static void require(boolean ok, ProbeResult r, String expected) {
    if (!ok) {
      throw new AssertionError("expected " + expected + " but got " + r.summary());
    }
  }
}
