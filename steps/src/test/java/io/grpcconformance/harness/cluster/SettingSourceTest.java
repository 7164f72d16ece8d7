package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingSourceTest {
  @Test
  void environmentNamesAreUpperSnakeCase() {
    assertThat(SettingSource.envName("conformance.k3s.clusterCidr")).isEqualTo("CONFORMANCE_K3S_CLUSTER_CIDR");
    assertThat(SettingSource.envName("conformance.kubeContext")).isEqualTo("CONFORMANCE_KUBE_CONTEXT");
    assertThat(SettingSource.envName("conformance.timeouts.k3sStartup")).isEqualTo("CONFORMANCE_TIMEOUTS_K3S_STARTUP");
  }

  @Test
  void systemPropertiesWinOverTheEnvironmentWhichWinsOverTheDefault() {
    Properties props = new Properties();
    props.setProperty("conformance.a", "from-property");
    SettingSource source = new SettingSource(
        Map.of("CONFORMANCE_A", "from-env", "CONFORMANCE_B", "env-only"), props);

    assertThat(source.get("conformance.a", "default")).isEqualTo("from-property");
    assertThat(source.get("conformance.b", "default")).isEqualTo("env-only");
    assertThat(source.get("conformance.c", "default")).isEqualTo("default");
  }

  @Test
  void blankValuesCountAsUnset() {
    Properties props = new Properties();
    props.setProperty("conformance.a", " ");
    assertThat(new SettingSource(Map.of("CONFORMANCE_A", "env"), props).get("conformance.a", "d")).isEqualTo("env");
  }

  @Test
  void durationsAcceptUnitsPlainSecondsAndIso() {
    assertThat(SettingSource.parseDuration("p", "90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(SettingSource.parseDuration("p", "5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(SettingSource.parseDuration("p", "1500ms")).isEqualTo(Duration.ofMillis(1500));
    assertThat(SettingSource.parseDuration("p", "42")).isEqualTo(Duration.ofSeconds(42));
    assertThat(SettingSource.parseDuration("p", "PT3M")).isEqualTo(Duration.ofMinutes(3));
    assertThat(SettingSource.parseDuration("p", "1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> SettingSource.parseDuration("conformance.timeouts.nodeReady", "soon"))
        .hasMessageStartingWith("conformance.timeouts.nodeReady: cannot parse 'soon' as a duration");
  }

  @Test
  void booleansAreStrict() {
    Properties props = new Properties();
    props.setProperty("conformance.images.check", "yes");
    assertThatThrownBy(() -> new SettingSource(Map.of(), props).getBoolean("conformance.images.check", true))
        .hasMessage("conformance.images.check: 'yes' is not true or false");
  }
}
