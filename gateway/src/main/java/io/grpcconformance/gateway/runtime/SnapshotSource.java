package io.grpcconformance.gateway.runtime;

import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.util.function.Consumer;

/**
 * A provider of snapshots: Kubernetes informers or a manifests folder. It calls the listener with a
 * complete new snapshot after every change it sees (callers coalesce bursts).
 */
public interface SnapshotSource extends AutoCloseable {

  /** Starts watching; calls {@code listener} at least once with the initial snapshot. */
  void start(Consumer<GatewaySnapshot> listener) throws Exception;

  @Override
  void close();
}
