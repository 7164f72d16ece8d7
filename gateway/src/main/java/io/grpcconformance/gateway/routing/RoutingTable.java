package io.grpcconformance.gateway.routing;

import java.util.Map;
import java.util.TreeMap;

/**
 * The immutable routing table: everything the data plane serves, keyed by declared listening port.
 *
 * <p>Threading: a table is never mutated. The data plane holds the current table in an
 * {@code AtomicReference} and reads it exactly once per call, so a call sees one consistent
 * configuration from start to end even while a newer table is swapped in.
 */
public record RoutingTable(long generation, Map<Integer, PortRoutes> ports) {

  /** The table before any configuration: no ports, nothing served. */
  public static final RoutingTable EMPTY = new RoutingTable(0, Map.of());

  public RoutingTable {
    ports = java.util.Collections.unmodifiableMap(new TreeMap<>(ports));
  }

  /** The routes of one declared port, or {@link PortRoutes#closed(int)} when nothing listens there. */
  public PortRoutes port(int declaredPort) {
    PortRoutes routes = ports.get(declaredPort);
    return routes != null ? routes : PortRoutes.closed(declaredPort);
  }
}
