package io.grpcconformance.gateway.reliability;

import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.gateway.routing.HeaderMatch;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.VirtualHost;

/**
 * The route changes of the hitless-reconfiguration tests. Change {@code n} either removes the
 * GRPCRoute {@code default/churn} (n divisible by 3) or writes it on greeter.example.com with a
 * rule for {@code helloworld.Greeter/SayHello} to the Greeter (so the load's calls switch from the
 * base route to this one and back) and a rule for header {@code x-churn: v<n>} to the User service
 * (so every version is distinct and its arrival in the routing table is visible).
 */
final class RouteChurn {
  static final String NAME = "churn";

  private RouteChurn() {}

  /** Whether change {@code n} removes the route. */
  static boolean removes(int n) {
    return n % 3 == 0;
  }

  /** The manifest of version {@code n}. */
  static String yaml(int n) {
    return """
    apiVersion: gateway.networking.k8s.io/v1
    kind: GRPCRoute
    metadata: {name: churn, namespace: default}
    spec:
      parentRefs: [{name: base-gw, sectionName: http}]
      hostnames: [greeter.example.com]
      rules:
      - matches: [{method: {service: helloworld.Greeter, method: SayHello}}]
        backendRefs: [{name: greeter-svc, port: 50051}]
      - matches: [{headers: [{name: x-churn, value: "v%d"}]}]
        backendRefs: [{name: user-svc, port: 50052}]
    """
        .formatted(n);
  }

  /** Whether the gateway's current table is the one of change {@code n}. */
  static boolean applied(EmbeddedGateway gateway, int n) {
    boolean present = false;
    boolean version = false;
    for (PortRoutes port : gateway.lastResult().table().ports().values()) {
      for (VirtualHost host : port.virtualHosts()) {
        for (Route route : host.routes()) {
          if (route.origin().name().equals(NAME)) {
            present = true;
            for (HeaderMatch h : route.match().headers()) {
              version |= h.value().equals("v" + n);
            }
          }
        }
      }
    }
    return removes(n) ? !present : version;
  }
}
