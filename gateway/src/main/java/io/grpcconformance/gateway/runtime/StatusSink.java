package io.grpcconformance.gateway.runtime;

import io.grpcconformance.gateway.translate.TranslationResult;

/** Where computed statuses go: the Kubernetes status subresource, or a status file. */
public interface StatusSink extends AutoCloseable {

  /** Publishes the statuses of {@code result}; implementations write only what changed. */
  void publish(TranslationResult result);

  @Override
  default void close() {}
}
