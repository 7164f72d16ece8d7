package io.grpcconformance.steps;

import io.grpcconformance.harness.config.ConfigLoader;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.Environments;

/**
 * What lives for the whole run: the configuration and the one environment (mock API server,
 * gateway, backends, or a cluster connection). Started by {@link Hooks#startEnvironment()} and
 * closed by {@link Hooks#stopEnvironment()}; scenarios reach it through {@link ScenarioContext}.
 */
final class SuiteRuntime {

  private static ConformanceConfig config;
  private static Environment environment;

  private SuiteRuntime() {}

  static synchronized ConformanceConfig config() {
    if (config == null) {
      config = ConfigLoader.load();
    }
    return config;
  }

  static synchronized Environment environment() {
    if (environment == null) {
      environment = Environments.start(config());
    }
    return environment;
  }

  static synchronized void close() {
    if (environment != null) {
      environment.close();
      environment = null;
    }
  }
}
