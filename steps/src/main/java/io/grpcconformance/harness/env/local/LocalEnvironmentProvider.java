package io.grpcconformance.harness.env.local;

import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.EnvironmentProvider;

/**
 * Provides the {@code local} environment: mock API server, embedded gateway, in-process samples.
 */
public final class LocalEnvironmentProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return LocalEnvironment.NAME;
  }

  @Override
  public Environment create(ConformanceConfig config) throws Exception {
    return LocalEnvironment.start(config);
  }
}
