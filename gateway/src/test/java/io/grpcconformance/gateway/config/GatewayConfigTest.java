package io.grpcconformance.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Defaults → env → system properties → flags, each layer overriding the one before. */
class GatewayConfigTest {
  private static final Properties NO_PROPERTIES = new Properties();

  private static Properties properties(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static GatewayConfig resolve(
      Map<String, String> env, Properties props, Map<String, String> flags) {
    return GatewayConfig.resolve(GatewayConfig.defaults(), env, props, flags);
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    GatewayConfig config = GatewayConfig.defaults();

    assertThat(config.controllerName()).isEqualTo("grpc-conformance.io/gateway");
    assertThat(config.ingressClasses()).containsExactly("nginx");
    assertThat(config.ingressHttpPort()).isEqualTo(80);
    assertThat(config.ingressHttpsPort()).isEqualTo(443);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.ephemeralPorts()).isFalse();
    assertThat(config.manifests()).isEmpty();
    assertThat(config.statusFile()).isEmpty();
    assertThat(config.resyncDelay()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.lease().enabled()).isTrue();
    assertThat(config.lease().name()).isEqualTo("grpc-conformance-gateway");
    assertThat(config.lease().namespace()).isEqualTo("grpc-conformance-system");
    assertThat(config.lease().duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.publishedAddress()).as("wildcard bind publishes nothing").isEmpty();
  }

  @Test
  void settingNames_followOneConvention() {
    assertThat(ConfigSetting.INGRESS_HTTP_PORT.envVar()).isEqualTo("GATEWAY_INGRESS_HTTP_PORT");
    assertThat(ConfigSetting.INGRESS_HTTP_PORT.property()).isEqualTo("gateway.ingressHttpPort");
    assertThat(ConfigSetting.INGRESS_HTTP_PORT.flag()).isEqualTo("ingress-http-port");
  }

  @Test
  void env_overridesDefaults() {
    GatewayConfig config = resolve(Map.of("GATEWAY_INGRESS_CLASSES", "nginx, internal",
        "GATEWAY_INGRESS_HTTP_PORT", "8080", "GATEWAY_LEASE_DURATION", "30s"),
        NO_PROPERTIES, Map.of());

    assertThat(config.ingressClasses()).containsExactly("nginx", "internal");
    assertThat(config.ingressHttpPort()).isEqualTo(8080);
    assertThat(config.lease().duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.ingressHttpsPort()).isEqualTo(443);
  }

  @Test
  void systemProperties_overrideEnv_andFlagsOverrideBoth() {
    Map<String, String> env = Map.of("GATEWAY_BIND", "10.0.0.1",
        "GATEWAY_CONTROLLER_NAME", "env/controller", "GATEWAY_STATUS_FILE", "/env/status.yaml");
    Properties props = properties("gateway.bind", "10.0.0.2",
        "gateway.controllerName", "prop/controller");
    Map<String, String> flags = Map.of("controller-name", "flag/controller");

    GatewayConfig config = resolve(env, props, flags);

    assertThat(config.bindAddress()).isEqualTo("10.0.0.2");
    assertThat(config.controllerName()).isEqualTo("flag/controller");
    assertThat(config.statusFile()).contains(Path.of("/env/status.yaml"));
  }

  @Test
  void downwardApiVariables_fillInWhenGatewayVariablesAreUnset() {
    GatewayConfig fromPod = resolve(Map.of("POD_IP", "10.1.2.3", "POD_NAMESPACE", "gw",
        "POD_NAME", "gateway-abc"), NO_PROPERTIES, Map.of());
    GatewayConfig explicit = resolve(Map.of("POD_IP", "10.1.2.3",
        "GATEWAY_STATUS_ADDRESS", "gateway.example.com"), NO_PROPERTIES, Map.of());

    assertThat(fromPod.publishedAddress()).contains("10.1.2.3");
    assertThat(fromPod.lease().namespace()).isEqualTo("gw");
    assertThat(fromPod.lease().identity()).isEqualTo("gateway-abc");
    assertThat(explicit.publishedAddress()).contains("gateway.example.com");
  }

  @Test
  void publishedAddress_fallsBackToASpecificBindAddress() {
    GatewayConfig config = GatewayConfig.defaults().toBuilder().bindAddress("127.0.0.1").build();

    assertThat(config.publishedAddress()).isEqualTo(Optional.of("127.0.0.1"));
  }

  @Test
  void badValue_failsWithOneLineNamingItsSource() {
    assertThatThrownBy(() -> resolve(Map.of("GATEWAY_INGRESS_HTTP_PORT", "eighty"),
        NO_PROPERTIES, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GATEWAY_INGRESS_HTTP_PORT: not a port number (1-65535): 'eighty'");
    assertThatThrownBy(() -> resolve(Map.of(), properties("gateway.ephemeralPorts", "yes"),
        Map.of()))
        .hasMessage("gateway.ephemeralPorts: not true or false: 'yes'");
    assertThatThrownBy(() -> resolve(Map.of(), NO_PROPERTIES, Map.of("resync-delay", "soon")))
        .hasMessageStartingWith("--resync-delay: not a duration");
  }

  @Test
  void leaseDurations_mustBeOrdered() {
    assertThatThrownBy(() -> resolve(Map.of("GATEWAY_RENEW_DEADLINE", "20s"), NO_PROPERTIES,
        Map.of()))
        .hasMessageContaining("duration > renew-deadline > retry-period");
  }

  @Test
  void durations_acceptShortAndIsoForms() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void everySetting_isReachableFromEveryLayer() {
    assertThat(List.of(ConfigSetting.values())).allSatisfy(setting -> {
      assertThat(setting.envVar()).startsWith("GATEWAY_");
      assertThat(setting.property()).startsWith("gateway.");
    });
  }
}
