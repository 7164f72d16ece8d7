package io.grpcconformance.gateway.routing;

import java.util.Objects;

/**
 * An answer the gateway gives itself, without a backend.
 *
 * @param grpcCode numeric gRPC status code (e.g. 12 UNIMPLEMENTED, 14 UNAVAILABLE)
 * @param message status message; names the object and reason, never secret material
 * @param httpStatus the HTTP status an HTTP-level proxy would send (e.g. 308 for ingress-nginx's
 *     ssl-redirect), or 200 when the answer is a plain gRPC status
 * @param location redirect target for 3xx answers, else empty string
 */
public record DirectResponse(int grpcCode, String message, int httpStatus, String location) {

  public DirectResponse {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
  }

  /** A plain gRPC status answer. */
  public static DirectResponse status(int grpcCode, String message) {
    return new DirectResponse(grpcCode, message, 200, "");
  }
}
