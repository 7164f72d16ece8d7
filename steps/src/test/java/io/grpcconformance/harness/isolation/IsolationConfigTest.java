package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IsolationConfigTest {

  @Test
  void defaultsFollowTheReference() {
    IsolationConfig d = IsolationConfig.defaults();
    assertThat(d.probeTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.cellConvergence()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.workers()).isEqualTo(9);
    assertThat(d.ignoreLoopback()).isTrue();
    assertThat(d.image()).isEqualTo("grpc-conformance/sample-services:0.1.0");
    assertThat(d.probeCommand())
        .containsSubsequence(
            "java", "-cp", "@/app/jib-classpath-file",
            "io.grpcconformance.samples.SampleServicesMain", "probe");
    // Two probe phases of 2 s plus the exec overhead.
    assertThat(d.execTimeout()).isEqualTo(Duration.ofSeconds(34));
  }

  @Test
  void environmentThenSystemPropertiesOverrideDefaults() {
    Properties props = new Properties();
    props.setProperty("conformance.isolation.probeTimeout", "500ms");
    props.setProperty("conformance.isolation.gatewayPodLabels", "app=gw, tier=edge");
    Map<String, String> env =
        Map.of(
            "CONFORMANCE_ISOLATION_PROBE_TIMEOUT", "5s",
            "CONFORMANCE_ISOLATION_CELL_CONVERGENCE", "1m",
            "CONFORMANCE_ISOLATION_GRPC_HEALTH", "false",
            "CONFORMANCE_ISOLATION_PROBE_COMMAND", "/probe  --fast");

    IsolationConfig c = IsolationConfig.resolve(env, props);

    assertThat(c.probeTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.cellConvergence()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.grpcHealth()).isFalse();
    assertThat(c.probeCommand()).containsExactly("/probe", "--fast");
    assertThat(c.gatewayPodLabels()).containsOnly(Map.entry("app", "gw"), Map.entry("tier", "edge"));
    assertThat(c.execTimeout()).isEqualTo(Duration.ofMillis(30_500));
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    Properties props = new Properties();
    props.setProperty("conformance.isolation.workers", "many");
    assertThatThrownBy(() -> IsolationConfig.resolve(Map.of(), props))
        .hasMessageContaining("conformance.isolation.workers")
        .hasMessageContaining("CONFORMANCE_ISOLATION_WORKERS")
        .hasMessageContaining("'many'");

    assertThatThrownBy(
            () -> IsolationConfig.resolve(Map.of("CONFORMANCE_ISOLATION_CANARY", "0s"), new Properties()))
        .hasMessageContaining("conformance.isolation.canary");

    Properties zero = new Properties();
    zero.setProperty("conformance.isolation.workers", "0");
    assertThatThrownBy(() -> IsolationConfig.resolve(Map.of(), zero))
        .hasMessageContaining("workers must be at least 1");
  }
}
