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

  /** Checks {@code result} once; throws {@link AssertionError} when it does not hold. */
  public ProbeResult verify(ProbeResult result) {
    check.accept(result);
    return result;
  }

  /** Both this and {@code other}. */
  public Expectation and(Expectation other) {
    return new Expectation(
        description + " and " + other.description(),
        r -> {
          check.accept(r);
          other.check().accept(r);
        });
  }

  /** OK, answered by a pod of {@code backend} in {@code namespace}, running the called method. */
  public static Expectation servedBy(String backend, String namespace) {
    return new Expectation(
        "OK served by " + backend + " in " + namespace,
        r -> {
          require(r.code() == Status.Code.OK, r, "status OK");
          require(backend.equals(r.backend()), r, "backend " + backend);
          require(namespace.equals(r.servedNamespace()), r, "namespace " + namespace);
        });
  }

  /** Ends with {@code code}, whoever answers. */
  public static Expectation status(Status.Code code) {
    return new Expectation("status " + code, r -> require(r.code() == code, r, "status " + code));
  }

  /** Ends with any status but OK. */
  public static Expectation notOk() {
    return new Expectation(
        "any status but OK", r -> require(r.code() != Status.Code.OK, r, "a failure"));
  }

  /** Ends with one of {@code codes}. */
  public static Expectation statusIn(List<Status.Code> codes) {
    return new Expectation(
        "status in " + codes, r -> require(codes.contains(r.code()), r, "status in " + codes));
  }

  /** Ends with {@code code} set by the gateway itself: no backend answered and it says so. */
  public static Expectation gatewayAnswers(Status.Code code) {
    return new Expectation(
        code + " answered by the gateway",
        r -> {
          require(r.code() == code, r, "status " + code);
          require(!r.reachedBackend(), r, "no backend answer");
          require(
              !r.header(ProbeResult.GATEWAY_ANSWER).isEmpty(),
              r,
              "response header " + ProbeResult.GATEWAY_ANSWER);
        });
  }

  /** Ends with {@code code} set by a pod of {@code backend}. */
  public static Expectation backendAnswers(Status.Code code, String backend) {
    return new Expectation(
        code + " answered by " + backend,
        r -> {
          require(r.code() == code, r, "status " + code);
          require(backend.equals(r.backend()), r, "backend " + backend);
        });
  }

  /** The backend received request header {@code name} with exactly {@code values}. */
  public static Expectation backendReceived(String name, List<String> values) {
    return new Expectation(
        "backend received " + name + "=" + values,
        r -> {
          require(r.echo().isPresent(), r, "a backend echo");
          require(
              r.echoedHeader(name).equals(values),
              r,
              name + "=" + values + " at the backend (saw " + r.echoedHeader(name) + ")");
        });
  }

  /** The backend did not receive request header {@code name}. */
  public static Expectation backendDidNotReceive(String name) {
    return new Expectation(
        "backend did not receive " + name,
        r -> {
          require(r.echo().isPresent(), r, "a backend echo");
          require(
              r.echoedHeader(name).isEmpty(),
              r,
              "no " + name + " at the backend (saw " + r.echoedHeader(name) + ")");
        });
  }

  /** The backend received {@code :authority} {@code authority}. */
  public static Expectation backendSawAuthority(String authority) {
    return new Expectation(
        "backend saw authority " + authority,
        r ->
            require(
                authority.equals(r.echoedAuthority()),
                r,
                "authority " + authority + " at the backend"));
  }

  /** The client got response header (or trailer) {@code name} with exactly {@code values}. */
  public static Expectation responseHeader(String name, List<String> values) {
    return new Expectation(
        "response header " + name + "=" + values,
        r ->
            require(
                r.headerValues(name).equals(values),
                r,
                "response " + name + "=" + values + " (got " + r.headerValues(name) + ")"));
  }

  /** The client got no response header or trailer {@code name}. */
  public static Expectation noResponseHeader(String name) {
    return new Expectation(
        "no response header " + name,
        r ->
            require(
                r.headerValues(name).isEmpty(),
                r,
                "no response " + name + " (got " + r.headerValues(name) + ")"));
  }

  /** The status description contains {@code text}. */
  public static Expectation descriptionContains(String text) {
    return new Expectation(
        "description contains '" + text + "'",
        r -> require(r.description().contains(text), r, "description containing '" + text + "'"));
  }

  /** The call took less than {@code bound}. */
  public static Expectation fasterThan(Duration bound) {
    return new Expectation(
        "ended within " + bound.toMillis() + " ms",
        r ->
            require(
                r.elapsed().compareTo(bound) < 0,
                r,
                "end within " + bound.toMillis() + " ms (took " + r.elapsed().toMillis() + " ms)"));
  }

  /**
   * OK with {@code count} greetings whose {@code index} runs 0..count-1 in order, from {@code
   * backend}.
   */
  public static Expectation greetingsInOrder(int count, String backend) {
    return new Expectation(
        count + " greetings in order from " + backend,
        r -> {
          require(r.code() == Status.Code.OK, r, "status OK");
          require(backend.equals(r.backend()), r, "backend " + backend);
          require(
              r.responsesJson().size() == count,
              r,
              count + " replies (got " + r.responsesJson().size() + ")");
          for (int i = 0; i < count; i++) {
            int index = jsonInt(r.responsesJson().get(i), "index");
            require(
                index == i, r, "reply " + i + " in order (got " + r.responsesJson().get(i) + ")");
          }
        });
  }

  /** Ended with {@code code} after fewer than {@code count} replies. */
  public static Expectation cutShort(Status.Code code, int count) {
    return new Expectation(
        code + " before all " + count + " replies",
        r -> {
          require(r.code() == code, r, "status " + code);
          require(
              r.responsesJson().size() < count,
              r,
              "fewer than " + count + " replies (got " + r.responsesJson().size() + ")");
        });
  }

  /** The backend received a {@code grpc-timeout} no longer than {@code deadline}. */
  public static Expectation backendReceivedDeadline(Duration deadline) {
    return new Expectation(
        "backend received grpc-timeout <= " + deadline.toMillis() + " ms",
        r -> {
          List<String> t = r.echoedHeader("grpc-timeout");
          require(t.size() == 1, r, "one grpc-timeout at the backend (saw " + t + ")");
          Duration received = io.grpcconformance.harness.grpc.Requests.grpcTimeout(t.get(0));
          require(
              received.compareTo(deadline) <= 0 && !received.isZero(),
              r,
              "grpc-timeout " + t.get(0) + " <= " + deadline.toMillis() + " ms");
        });
  }

  /** The connection was TLS 1.2 or newer and negotiated ALPN {@code alpn}. */
  public static Expectation tls(String alpn) {
    return new Expectation(
        "TLS 1.2+ with ALPN " + alpn,
        r -> {
          require(r.tls().isPresent(), r, "a TLS session");
          require(
              List.of("TLSv1.2", "TLSv1.3").contains(r.tls().get().protocol()),
              r,
              "TLS 1.2 or newer");
          require(alpn.equals(r.tls().get().alpn()), r, "ALPN " + alpn);
        });
  }

  /** The server's leaf certificate has common name {@code cn}. */
  public static Expectation peerCommonName(String cn) {
    return new Expectation(
        "peer certificate CN=" + cn,
        r -> {
          require(r.tls().isPresent(), r, "a TLS session");
          require(cn.equals(r.tls().get().peerCommonName()), r, "peer CN=" + cn);
        });
  }

  /** No response header, trailer, echoed header or message contains any of {@code secrets}. */
  public static Expectation revealsNone(List<String> secrets) {
    return new Expectation(
        "no secret in the response",
        r -> {
          StringBuilder all = new StringBuilder();
          r.headers().forEach((k, v) -> all.append(k).append(v));
          r.trailers().forEach((k, v) -> all.append(k).append(v));
          r.echo()
              .ifPresent(
                  e ->
                      e.getHeadersList()
                          .forEach(h -> all.append(h.getName()).append(h.getValue())));
          r.responsesJson().forEach(all::append);
          all.append(r.description());
          for (String secret : secrets) {
            require(
                !all.toString().contains(secret),
                r,
                "no secret value in headers, trailers, echo or body");
          }
        });
  }

  /** An integer field of compact protobuf JSON; absent means 0 (proto3 omits defaults). */
  static int jsonInt(String json, String field) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(json);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  static void require(boolean ok, ProbeResult r, String expected) {
    if (!ok) {
      throw new AssertionError("expected " + expected + " but got " + r.summary());
    }
  }
}
