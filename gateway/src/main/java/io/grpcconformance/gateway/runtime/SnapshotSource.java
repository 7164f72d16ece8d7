package io.grpcconformance.gateway.runtime;

import io.grpcconformance.gateway.translate.GatewaySnapshot;

/**
 * A provider of the objects the gateway reads: Kubernetes informers or a manifests folder.
 *
 * <p>JOSDK's "reconcile everything" rule: a source does not say <em>what</em> changed. It signals
 * that something changed, and the runtime later asks for the whole current {@link #snapshot()} on
 * its own thread, so a burst of events costs one snapshot and one translation.
 */
public interface SnapshotSource extends AutoCloseable {

  /**
   * Loads the initial state and starts watching. Calls {@code changed} (from any thread) after
   * every change, and once after the initial state is loaded; a source updates what
   * {@link #snapshot()} returns <em>before</em> it signals.
   */
  void start(Runnable changed) throws Exception;

  /**
   * Whether {@link #snapshot()} is complete. A source whose initial load is still under way (e.g.
   * informers that have not all synced) answers false; the runtime then translates nothing, so a
   * partial view is never applied. The source signals again once it is ready.
   */
  default boolean ready() {
    return true;
  }

  /** The complete current state; called on the runtime thread once per coalesced change. */
  GatewaySnapshot snapshot();

  /**
   * Looks for changes now and signals any it finds before returning (the manifests folder rescans;
   * informers are pushed changes and do nothing). Lets callers wait for "everything so far".
   */
  default void refresh() {}

  @Override
  void close();
}
