package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Objects;

/**
 * The routes served for one hostname on one port.
 *
 * @param hostname exact host, {@code *.suffix} wildcard, or {@code *} for every host
 * @param routes in precedence order: the data plane takes the first route that matches (the
 *     translator sorts them as GRPCRoute's precedence rules require)
 */
public record VirtualHost(String hostname, List<Route> routes) {

  /** The hostname that matches every authority. */
  public static final String ANY = "*";

  public VirtualHost {
    Objects.requireNonNull(hostname, "hostname");
    routes = List.copyOf(routes);
  }
}
