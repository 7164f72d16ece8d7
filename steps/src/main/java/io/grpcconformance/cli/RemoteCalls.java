package io.grpcconformance.cli;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.grpc.Status;
import io.grpcconformance.harness.grpc.Dial;
import io.grpcconformance.harness.grpc.GrpcProbe;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.harness.grpc.ReflectionClient;
import io.grpcconformance.harness.grpc.ReflectionClient.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code reflect} command's calls through a {@link ReflectionClient}, each either a value or a
 * {@link CliFailure} that says in one line what went wrong where.
 *
 * @param client the reflection client for the target
 * @param dial how the client connects
 * @param target {@code HOST:PORT} as given
 * @param authority the authority the server sees (for the reflection-audit message)
 * @param deadline the deadline of each exchange
 */
record RemoteCalls(
    ReflectionClient client, Dial dial, String target, String authority, Duration deadline) {

  // Any cheap unary method: the diagnostic call below only needs to attempt the connection.
  private static final String DIAGNOSTIC_METHOD = "grpc.health.v1.Health/Check";

  /** The services the server lists, sorted. */
  List<String> services() {
    return value(client.listServices(), null).stream().sorted().toList();
  }

  /** The descriptor of {@code method}; an unknown service or method is bad input. */
  MethodDescriptor resolve(String method) {
    try {
      return value(client.resolve(method), method);
    } catch (IllegalStateException | AssertionError e) { // a dependency the server did not send
      throw CliFailure.remote("reflection on " + target + " failed: " + e.getMessage());
    }
  }

  /** Invokes {@code method}; the result may carry any status. */
  ProbeResult invoke(String method, String json, Map<String, List<String>> metadata) {
    try {
      return value(client.invoke(method, json, metadata), method);
    } catch (IllegalArgumentException e) { // the request does not fit the method's input type
      throw CliFailure.badInput("-d: " + RequestJson.withoutSecrets(e.getMessage(), json));
    } catch (IllegalStateException | AssertionError e) {
      throw CliFailure.remote("reflection on " + target + " failed: " + e.getMessage());
    }
  }

  /** {@code " (gateway answer: X)"} when a gateway answered itself, else empty. */
  static String gatewayNote(String gatewayAnswer) {
    return gatewayAnswer == null || gatewayAnswer.isEmpty()
        ? ""
        : " (gateway answer: " + gatewayAnswer + ")";
  }

  private <T> T value(Result<T> r, String method) {
    if (r.value().isPresent()) {
      return r.value().get();
    }
    String detail = r.code() + (blank(r.description()) ? "" : ": " + r.description());
    String note = gatewayNote(r.gatewayAnswer());
    throw switch (r.code()) {
      // The reflection audit's answer: nothing at this address and authority serves
      // grpc.reflection.v1.ServerReflection (a server without it, or a gateway with no route).
      case UNIMPLEMENTED ->
          CliFailure.remote(
              "reflection is not exposed on " + target + " for authority " + authority + note);
      case UNAVAILABLE ->
          CliFailure.remote(
              "cannot reach "
                  + target
                  + " (authority "
                  + authority
                  + "): "
                  + whyUnavailable(detail)
                  + note);
      case DEADLINE_EXCEEDED ->
          CliFailure.remote(
              "no reflection answer from " + target + " within " + shown(deadline) + note);
      case NOT_FOUND ->
          method == null
              ? CliFailure.remote("reflection on " + target + " failed: " + detail + note)
              : CliFailure.badInput(
                  "unknown method " + method + " on " + target + ": " + r.description() + note);
      default -> CliFailure.remote("reflection on " + target + " failed: " + detail + note);
    };
  }

  /**
   * Why the connection failed. The reflection result keeps only the status description ("io
   * exception"), so one probe call is made to learn the cause (refused, TLS handshake, ...).
   */
  private String whyUnavailable(String detail) {
    ProbeResult r =
        GrpcProbe.forSamples()
            .call(new ProbeRequest(dial, DIAGNOSTIC_METHOD, "{}", Map.of(), deadline));
    String why = r.code() == Status.Code.UNAVAILABLE ? r.code() + ": " + r.description() : detail;
    // Netty appends its pipeline's handler names, or a hex dump of the bytes it could not read,
    // to some descriptions: noise for a user.
    return why.replaceAll("\\s*Channel Pipeline: \\[.*?\\]", "")
        .replaceAll(": \\p{XDigit}{32,}", "");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank() || s.equals("null");
  }

  /** {@code 5s} or {@code 500ms}, as the option is usually written. */
  static String shown(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
