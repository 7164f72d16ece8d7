package io.grpcconformance.harness.isolation;

import java.time.Duration;

/** Configurations for unit tests: real-time waits short, fake-time bounds a few passes long. */
final class TestConfigs {

  private TestConfigs() {}

  /**
   * Poll every 10 ms (real time); cells, baseline and canary bounded by 3 s of the fake clock (a
   * full pass of nine execs costs 0.9 s there); pods Ready within 5 s of real time.
   */
  static IsolationConfig fast() {
    return withPodsReady(Duration.ofSeconds(5));
  }

  /** {@link #fast()} with another pod readiness bound. */
  static IsolationConfig withPodsReady(Duration podsReady) {
    IsolationConfig d = IsolationConfig.defaults();
    return new IsolationConfig(
        Duration.ofSeconds(2),
        Duration.ofMillis(10),
        Duration.ofSeconds(3),
        Duration.ofSeconds(3),
        Duration.ofSeconds(3),
        podsReady,
        Duration.ofSeconds(5),
        3,
        true,
        true,
        d.image(),
        d.probeCommand(),
        d.gatewayNamespace(),
        d.gatewayPodLabels());
  }
}
