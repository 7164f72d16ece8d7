package io.grpcconformance.harness.cluster;

import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.EnvironmentProvider;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Creates environment {@code k3s} ({@code -Dconformance.env=k3s}, profile {@code -Pk3s}): preflight first; if a
 * check fails the environment is skipped with one line per failure, else the shared k3s + Calico cluster starts
 * and the suite's gateway is deployed into it.
 */
public final class K3sEnvironmentProvider implements EnvironmentProvider {
  private static final Logger LOG = Logger.getLogger(K3sEnvironmentProvider.class.getName());

  private final SettingSource source;
  private final Function<ClusterSettings, DockerProbe> probes;

  /** For ServiceLoader: the process's settings and the real Docker daemon. */
  public K3sEnvironmentProvider() {
    this(SettingSource.system(), settings -> new DockerProbes(settings.timeouts().preflightProbe()));
  }

  K3sEnvironmentProvider(SettingSource source, Function<ClusterSettings, DockerProbe> probes) {
    this.source = source;
    this.probes = probes;
  }

  @Override
  public String name() {
    return K3sEnvironment.NAME;
  }

  @Override
  public Environment create(ConformanceConfig config) {
    ClusterSettings settings = ClusterSettings.resolve(source, config.gatewayClass(), config.sampleImage());
    List<PreflightFailure> failures = Preflight.k3s(settings, probes.apply(settings));
    if (!failures.isEmpty()) {
      String reason = Preflight.skipReason(K3sEnvironment.NAME, failures);
      reason.lines().forEach(LOG::warning);
      return new SkippedEnvironment(K3sEnvironment.NAME, reason);
    }
    ProjectLayout layout = ProjectLayout.discover();
    SampleServiceTemplates templates = SampleServiceTemplates.load(layout.manifests("samples"), settings.sampleImage());
    K3sCalicoCluster cluster = K3sCalicoCluster.shared(settings, LOG::info);
    Optional<InClusterGateway> gateway = Optional.empty();
    if (settings.ownGateway()) {
      InClusterGateway own = InClusterGateway.fromManifests(cluster.client(), layout.manifests("gateway"),
          settings.gatewayImage(), cluster.portMapper());
      LOG.info("k3s: deploying the gateway from " + layout.manifests("gateway"));
      own.deploy(new ClusterReadiness(cluster.client(), settings.timeouts(), LOG::info), settings.timeouts());
      gateway = Optional.of(own);
    }
    return new K3sEnvironment(config, settings, cluster, templates, gateway);
  }
}
