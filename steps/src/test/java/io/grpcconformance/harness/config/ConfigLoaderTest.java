package io.grpcconformance.harness.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static Function<String, String> layer(Map<String, String> m) {
    return m::get;
  }

  @Test
  void defaults_whenNoLayerHasAValue() {
    ConformanceConfig c = new ConfigLoader(List.of()).resolve();
    assertThat(c).isEqualTo(ConformanceConfig.defaults());
    assertThat(c.timeouts().requiredConsecutiveSuccesses()).isEqualTo(3);
    assertThat(c.timeouts().maxTimeToConsistency()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.env()).isEqualTo("local");
  }

  @Test
  void laterLayersWin_propertiesThenEnvironmentThenSystemProperties() {
    ConformanceConfig c =
        new ConfigLoader(
                List.of(
                    layer(
                        Map.of(
                            "conformance.gatewayClass",
                            "from-file",
                            "conformance.env",
                            "k3s",
                            "conformance.timeouts.pollInterval",
                            "250ms")),
                    layer(Map.of("conformance.gatewayClass", "from-env")),
                    layer(Map.of("conformance.timeouts.pollInterval", "1s"))))
            .resolve();
    assertThat(c.gatewayClass()).isEqualTo("from-env");
    assertThat(c.env()).isEqualTo("k3s");
    assertThat(c.timeouts().pollInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void convertsEveryComponentType() {
    ConformanceConfig c =
        new ConfigLoader(
                List.of(
                    layer(
                        Map.of(
                            "conformance.keepNamespaces", "TRUE",
                            "conformance.reportDir", "/tmp/x",
                            "conformance.unsupportedTags", "@extended, @streaming",
                            "conformance.implementation.contact", "a,b",
                            "conformance.timeouts.requiredConsecutiveSuccesses", "5",
                            "conformance.timeouts.maxTimeToConsistency", "1m30s"))))
            .resolve();
    assertThat(c.keepNamespaces()).isTrue();
    assertThat(c.reportDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.unsupportedTags()).containsExactly("@extended", "@streaming");
    assertThat(c.implementation().contact()).containsExactly("a", "b");
    assertThat(c.timeouts().requiredConsecutiveSuccesses()).isEqualTo(5);
    assertThat(c.timeouts().maxTimeToConsistency()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void envNames_areUpperSnakeCase() {
    assertThat(ConfigLoader.envName("conformance.timeouts.maxTimeToConsistency"))
        .isEqualTo("CONFORMANCE_TIMEOUTS_MAX_TIME_TO_CONSISTENCY");
    assertThat(ConfigLoader.envName("conformance.gatewayClass"))
        .isEqualTo("CONFORMANCE_GATEWAY_CLASS");
  }

  @Test
  void durations_acceptGoStyleIsoAndBareSeconds() {
    assertThat(ConfigLoader.parseDuration("k", "100ms")).isEqualTo(Duration.ofMillis(100));
    assertThat(ConfigLoader.parseDuration("k", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(ConfigLoader.parseDuration("k", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(ConfigLoader.parseDuration("k", "PT30S")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigLoader.parseDuration("k", "45")).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void badValues_giveOneLineErrorsNamingTheKey() {
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        List.of(layer(Map.of("conformance.timeouts.pollInterval", "soon"))))
                    .resolve())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conformance.timeouts.pollInterval")
        .hasMessageContaining("soon");
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        List.of(
                            layer(
                                Map.of("conformance.timeouts.requiredConsecutiveSuccesses", "0"))))
                    .resolve())
        .hasMessageContaining("requiredConsecutiveSuccesses");
    assertThatThrownBy(
            () ->
                new ConfigLoader(List.of(layer(Map.of("conformance.keepNamespaces", "yes"))))
                    .resolve())
        .hasMessageContaining("conformance.keepNamespaces");
  }

  @Test
  void unknownKeys_areTyposOfSettings() {
    assertThat(ConfigLoader.unknownKeys(
            List.of("conformance.gatewayclass", "conformance.env", "java.version",
                "conformance.timeouts.pollInterval"),
            List.of("CONFORMANCE_GATEWAY_CLASS", "CONFORMANCE_TIMEOUT_POLL", "HOME")))
        .containsExactly("conformance.gatewayclass", "CONFORMANCE_TIMEOUT_POLL");
  }

  @Test
  void keys_listEveryLeafComponent() {
    assertThat(ConfigLoader.keys())
        .contains(
            "conformance.env",
            "conformance.timeouts.pollInterval",
            "conformance.implementation.organization")
        .doesNotContain("conformance.timeouts");
  }
}
