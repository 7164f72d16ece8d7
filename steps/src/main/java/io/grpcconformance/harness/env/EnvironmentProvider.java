package io.grpcconformance.harness.env;

import io.grpcconformance.harness.config.ConformanceConfig;

/**
 * Creates one kind of {@link Environment}. Implementations are found with {@link
 * java.util.ServiceLoader} (list them in {@code
 * META-INF/services/io.grpcconformance.harness.env.EnvironmentProvider}) and selected by {@link
 * #name()} against {@code conformance.env}.
 */
public interface EnvironmentProvider {

  /** The value of {@code conformance.env} that selects this provider (local, k3s, kubeconfig). */
  String name();

  /**
   * Starts the environment. When it cannot run here (no Docker, no reachable cluster), return an
   * environment whose {@link Environment#skipReason()} says why rather than throwing, so the run
   * reports every scenario as skipped with that reason.
   */
  Environment create(ConformanceConfig config) throws Exception;
}
