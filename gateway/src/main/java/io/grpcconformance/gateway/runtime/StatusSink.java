package io.grpcconformance.gateway.runtime;

import io.grpcconformance.gateway.translate.TranslationResult;

/** Where computed statuses go: the Kubernetes status subresource, or a status file. */
public interface StatusSink extends AutoCloseable {

  /** Discards statuses (standalone mode without a status file). */
  StatusSink NONE = result -> {};

  /**
   * Publishes the statuses of {@code result}; implementations write only what changed. Called on
   * the runtime thread only, never concurrently with itself.
   */
  void publish(TranslationResult result);

  @Override
  default void close() {}
}
