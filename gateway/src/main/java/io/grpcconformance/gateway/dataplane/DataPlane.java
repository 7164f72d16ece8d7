package io.grpcconformance.gateway.dataplane;

import io.grpcconformance.gateway.routing.RoutingTable;
import java.util.Map;

/**
 * The gRPC data plane: one server per declared port, reading the current {@link RoutingTable}
 * once per call. Skeleton; replaced by the real data plane.
 */
public final class DataPlane implements AutoCloseable {
  private final DataPlaneConfig config;

  public DataPlane(DataPlaneConfig config) {
    this.config = config;
  }

  /**
   * Makes {@code table} current: binds ports that are new, closes ports that are gone, and swaps the
   * table atomically so calls in flight finish on the table they started with.
   */
  public void apply(RoutingTable table) {
    throw new UnsupportedOperationException("data plane not implemented yet");
  }

  /** The table calls are routed with now. */
  public RoutingTable current() {
    return RoutingTable.EMPTY;
  }

  /** The actual bound port for a declared port, or -1 when it is not bound. */
  public int boundPort(int declaredPort) {
    return -1;
  }

  /** Declared port → bound port, for every bound port. */
  public Map<Integer, Integer> boundPorts() {
    return Map.of();
  }

  @Override
  public void close() {}
}
