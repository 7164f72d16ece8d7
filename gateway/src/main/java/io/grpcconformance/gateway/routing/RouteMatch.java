package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Objects;

/**
 * Conditions that must all hold (AND): a path match and every header match.
 *
 * @param path matches {@code :path}, i.e. {@code /<service>/<method>}
 * @param headers all must match; names are lower case
 */
public record RouteMatch(PathMatch path, List<HeaderMatch> headers) {

  /** Matches every call (a GRPCRoute rule without matches). */
  public static final RouteMatch ANY = new RouteMatch(PathMatch.any(), List.of());

  public RouteMatch {
    Objects.requireNonNull(path, "path");
    headers = List.copyOf(headers);
  }
}
