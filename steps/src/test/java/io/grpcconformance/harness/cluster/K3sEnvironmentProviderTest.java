package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.EnvironmentProvider;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class K3sEnvironmentProviderTest {
  private static final String NO_DOCKER =
      "k3s environment skipped: Docker daemon not reachable (fix: start Docker or use -Dconformance.env=local)";

  @Test
  void withoutDockerTheEnvironmentIsSkippedWithOneLineAndNeverStarted() {
    PreflightTest.FakeDocker docker = new PreflightTest.FakeDocker();
    docker.reachable = false;
    K3sEnvironmentProvider provider =
        new K3sEnvironmentProvider(new SettingSource(Map.of(), new Properties()), settings -> docker);

    Environment env = provider.create(ConformanceConfig.defaults());

    assertThat(env.name()).isEqualTo("k3s");
    assertThat(env.skipReason()).contains(NO_DOCKER);
    assertThat(env.missing(Capability.NETWORK_POLICY)).contains(NO_DOCKER);
    assertThatThrownBy(env::client).isInstanceOf(IllegalStateException.class).hasMessage(NO_DOCKER);
    env.close();
  }

  @Test
  void theProvidersAreFoundByServiceLoader() {
    assertThat(ServiceLoader.load(EnvironmentProvider.class).stream().map(p -> p.get().name()))
        .contains("k3s", "kubeconfig");
  }

  /** On a machine without a Docker daemon (these CI machines), the real probes give exactly this line. */
  @Test
  void onThisMachineTheRealPreflightSkipsWithTheDockerLine() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker daemon is reachable here");

    Environment env = new K3sEnvironmentProvider().create(ConformanceConfig.defaults());

    System.out.println(env.skipReason().orElseThrow());
    assertThat(env.skipReason()).contains(NO_DOCKER);
  }
}
