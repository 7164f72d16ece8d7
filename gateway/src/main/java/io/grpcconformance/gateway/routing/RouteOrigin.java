package io.grpcconformance.gateway.routing;

/**
 * Where a route came from, for logs and for the {@code x-gateway-route} debugging header.
 *
 * @param kind {@code GRPCRoute} or {@code Ingress}
 * @param namespace object namespace
 * @param name object name
 * @param ruleIndex index of the rule (or Ingress path) inside the object
 */
public record RouteOrigin(String kind, String namespace, String name, int ruleIndex) {
  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name + " rule " + ruleIndex;
  }
}
