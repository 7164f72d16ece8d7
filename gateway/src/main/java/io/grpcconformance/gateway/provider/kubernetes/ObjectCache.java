package io.grpcconformance.gateway.provider.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Read access to the objects as the informers last saw them (never a call to the API server). */
public interface ObjectCache {

  /**
   * The cached object of exactly class {@code type}, or null; {@code namespace} is null for
   * cluster-scoped kinds.
   */
  <T extends HasMetadata> T get(Class<T> type, String namespace, String name);
}
