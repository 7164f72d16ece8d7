package io.grpcconformance.gateway;

import io.grpcconformance.gateway.routing.RoutingTable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/** Stands in for the data plane: "binds" declared port P on 20000 + P, and records tables. */
final class FakeTrafficPlane implements EmbeddedGateway.TrafficPlane {
  final AtomicReference<RoutingTable> current = new AtomicReference<>(RoutingTable.EMPTY);
  volatile boolean closed;

  @Override
  public void apply(RoutingTable table) {
    current.set(table);
  }

  @Override
  public int boundPort(int declaredPort) {
    return current.get().ports().containsKey(declaredPort) ? 20000 + declaredPort : -1;
  }

  @Override
  public Map<Integer, Integer> boundPorts() {
    Map<Integer, Integer> ports = new TreeMap<>();
    current.get().ports().keySet().forEach(p -> ports.put(p, 20000 + p));
    return ports;
  }

  @Override
  public void close() {
    closed = true;
  }
}
