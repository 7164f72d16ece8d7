package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Objects;

/**
 * One backend of a route with its weight and its ready endpoints.
 *
 * @param name display name, e.g. {@code default/foo-svc:9000}
 * @param weight relative weight; 0 receives no traffic
 * @param endpoints ready endpoints (round-robin); empty means UNAVAILABLE
 * @param protocol how the gateway speaks to the endpoints
 * @param invalidReason null when valid; else why (e.g. {@code BackendNotFound: ...}), and calls
 *     that pick this backend are answered UNAVAILABLE with that reason
 */
public record WeightedBackend(
    String name, int weight, List<Endpoint> endpoints, BackendProtocol protocol,
    String invalidReason) {

  /** How the gateway talks to a backend. */
  public enum BackendProtocol {
    /** gRPC over cleartext HTTP/2 (GRPCRoute default; Ingress {@code backend-protocol: GRPC}). */
    H2C,
    /** gRPC over TLS (Ingress {@code backend-protocol: GRPCS}); the backend certificate is not verified. */
    TLS,
    /** HTTP/1.1, as ingress-nginx speaks to a backend without a gRPC backend-protocol. */
    HTTP1
  }

  public WeightedBackend {
    Objects.requireNonNull(name, "name");
    if (weight < 0) {
      throw new IllegalArgumentException("negative weight for " + name);
    }
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(protocol, "protocol");
  }

  public static WeightedBackend valid(String name, int weight, List<Endpoint> endpoints) {
    return new WeightedBackend(name, weight, endpoints, BackendProtocol.H2C, null);
  }

  public static WeightedBackend invalid(String name, int weight, String reason) {
    return new WeightedBackend(name, weight, List.of(), BackendProtocol.H2C, reason);
  }

  public boolean isValid() {
    return invalidReason == null;
  }
}
