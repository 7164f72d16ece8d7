package io.grpcconformance.gateway.dataplane;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpcconformance.gateway.routing.DirectResponse;

/**
 * Answers the gateway gives itself, without a backend. Each carries {@code x-gateway-answer} so a
 * test can tell the gateway's answer from a backend's. The answer is trailers-only (one HEADERS
 * frame with END_STREAM), so the header arrives in the client's trailers.
 */
final class GatewayAnswers {

  /** Names the kind of gateway answer: unmatched, unavailable, direct, redirect, http1-upstream. */
  static final Metadata.Key<String> ANSWER = ProxyHeaders.ascii("x-gateway-answer");
  /** Redirect target of a {@link DirectResponse} with a 3xx status. */
  static final Metadata.Key<String> LOCATION = ProxyHeaders.ascii("location");
  /** The route that served a call; only with {@link DataPlaneConfig#routeDebugHeader()}. */
  static final Metadata.Key<String> ROUTE = ProxyHeaders.ascii("x-gateway-route");

  private static final ServerCall.Listener<Object> NOOP = new ServerCall.Listener<>() {};

  private GatewayAnswers() {}

  /** No virtual host or no route: UNIMPLEMENTED, as the Gateway API conformance tests expect. */
  static <T> ServerCall.Listener<T> unmatched(ServerCall<T, ?> call, String message) {
    return close(call, Status.UNIMPLEMENTED.withDescription(message), "unmatched", new Metadata());
  }

  /** A matched route whose picked backend cannot take the call (GRPCRoute: UNAVAILABLE). */
  static <T> ServerCall.Listener<T> unavailable(ServerCall<T, ?> call, String message) {
    return close(call, Status.UNAVAILABLE.withDescription(message), "unavailable", new Metadata());
  }

  /**
   * A route that answers itself. An HTTP-level proxy such as ingress-nginx answers an ssl-redirect
   * with a raw {@code 308} and a {@code Location} header, which a gRPC client reports as
   * {@code UNKNOWN: HTTP status code 308}. grpc-java's server API cannot send a {@code :status}
   * other than 200, so this gateway closes with the response's gRPC code and message instead and
   * adds {@code location} and {@code x-gateway-answer: redirect}.
   */
  static <T> ServerCall.Listener<T> direct(ServerCall<T, ?> call, DirectResponse response) {
    Metadata trailers = new Metadata();
    boolean redirect = response.httpStatus() >= 300 && response.httpStatus() < 400;
    if (redirect && !response.location().isEmpty()) {
      trailers.put(LOCATION, response.location());
    }
    Status status = Status.fromCodeValue(response.grpcCode()).withDescription(response.message());
    return close(call, status, redirect ? "redirect" : "direct", trailers);
  }

  /** Closes {@code call} with {@code status} and {@code x-gateway-answer: answer}. */
  @SuppressWarnings("unchecked")
  static <T> ServerCall.Listener<T> close(
      ServerCall<T, ?> call, Status status, String answer, Metadata trailers) {
    trailers.put(ANSWER, answer);
    call.close(status, trailers);
    return (ServerCall.Listener<T>) NOOP;
  }
}
