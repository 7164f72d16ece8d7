package io.grpcconformance.gateway.routing;

import java.util.Objects;

/**
 * One match and what to do with a call that meets it.
 *
 * @param match the conditions on path and headers
 * @param action backends, header filters or a direct answer
 * @param origin the object and rule this route was translated from
 */
public record Route(RouteMatch match, RouteAction action, RouteOrigin origin) {
  public Route {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(origin, "origin");
  }
}
