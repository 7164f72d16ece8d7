package io.grpcconformance.gateway.dataplane;

import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.HeaderMatch;
import io.grpcconformance.gateway.routing.HeaderModifier;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small builders for routing tables in data plane tests. */
final class TestTables {
  static final String SAY_HELLO = "/helloworld.Greeter/SayHello";

  private TestTables() {}

  static RoutingTable table(long generation, PortRoutes... ports) {
    Map<Integer, PortRoutes> byPort = new LinkedHashMap<>();
    for (PortRoutes port : ports) {
      byPort.put(port.port(), port);
    }
    return new RoutingTable(generation, byPort);
  }

  static PortRoutes http(int port, VirtualHost... hosts) {
    return new PortRoutes(port, PortRoutes.Protocol.HTTP, List.of(), Optional.empty(),
        List.of(hosts));
  }

  static PortRoutes https(int port, List<ServerCertificate> certificates,
      Optional<ServerCertificate> fallback, VirtualHost... hosts) {
    return new PortRoutes(port, PortRoutes.Protocol.HTTPS, certificates, fallback, List.of(hosts));
  }

  static VirtualHost host(String hostname, Route... routes) {
    return new VirtualHost(hostname, List.of(routes));
  }

  /** A route named {@code name} (RouteOrigin GRPCRoute default/name rule 0). */
  static Route route(String name, PathMatch path, List<HeaderMatch> headers, RouteAction action) {
    return new Route(new RouteMatch(path, headers), action,
        new RouteOrigin("GRPCRoute", "default", name, 0));
  }

  /** A catch-all route to {@code backends}. */
  static Route any(WeightedBackend... backends) {
    return route("any", PathMatch.any(), List.of(), RouteAction.forward(List.of(backends)));
  }

  static RouteAction forward(HeaderModifier request, HeaderModifier response,
      WeightedBackend... backends) {
    return new RouteAction(List.of(backends), request, response, Optional.empty());
  }

  /** A valid H2C backend over the endpoints of {@code servers}. */
  static WeightedBackend backend(String name, int weight, TestBackend... servers) {
    return backend(name, weight, BackendProtocol.H2C, servers);
  }

  static WeightedBackend backend(String name, int weight, BackendProtocol protocol,
      TestBackend... servers) {
    List<Endpoint> endpoints = Arrays.stream(servers).map(TestBackend::endpoint).toList();
    return new WeightedBackend(name, weight, endpoints, protocol, null);
  }
}
