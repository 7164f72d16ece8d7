package io.grpcconformance.bench.jmh;

import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.HeaderMatch;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic routing tables for the microbenchmarks, shaped like GRPCRoutes lowered by the
 * translator: per host, exact methods first, then header matches (exact and regex), then regex
 * method matches, then service prefixes.
 */
final class RouteTables {
  /** Routes of each kind a host gets, in precedence order, repeated to fill {@code routesPerHost}. */
  private RouteTables() {}

  /** The exact hostname of host {@code i}. */
  static String host(int i) {
    return "svc-" + i + ".example.com";
  }

  /** {@code hosts} virtual hosts: exact names, one wildcard per ten hosts, and {@code *} last. */
  static List<VirtualHost> hosts(int hosts, int routesPerHost) {
    List<VirtualHost> out = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      String name = i % 10 == 9 ? "*.zone-" + i + ".example.com" : host(i);
      out.add(new VirtualHost(name, routes(i, routesPerHost)));
    }
    out.add(new VirtualHost(VirtualHost.ANY, routes(hosts, routesPerHost)));
    return out;
  }

  /** {@code count} routes for host {@code h}; route {@code r} serves service {@code pkg.S<r>}. */
  static List<Route> routes(int h, int count) {
    List<Route> routes = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      String service = "pkg.S" + r;
      RouteMatch match = switch (r % 5) {
        case 0, 1 -> new RouteMatch(PathMatch.exact("/" + service + "/Get"), List.of());
        case 2 -> new RouteMatch(PathMatch.exact("/" + service + "/Get"),
            List.of(HeaderMatch.exact("x-env", "canary")));
        case 3 -> new RouteMatch(PathMatch.regex("/" + service.replace(".", "\\.") + "/(Get|List)[A-Z][a-z]+"),
            List.of(HeaderMatch.regex("x-user", "user-[0-9]{1,6}")));
        default -> new RouteMatch(PathMatch.prefix("/" + service + "/"), List.of());
      };
      WeightedBackend backend = WeightedBackend.valid("default/svc-" + h + "-" + r + ":9000", 1,
          List.of(new Endpoint("10.0." + (h % 250) + "." + (r % 250), 9000)));
      routes.add(new Route(match, RouteAction.forward(List.of(backend)),
          new RouteOrigin("GRPCRoute", "default", "route-" + h, r)));
    }
    return routes;
  }
}
