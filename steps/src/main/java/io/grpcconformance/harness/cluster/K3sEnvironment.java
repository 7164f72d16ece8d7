package io.grpcconformance.harness.cluster;

import io.grpcconformance.harness.config.ConformanceConfig;
import java.util.Optional;

/**
 * Environment {@code k3s}: the run's disposable k3s + Calico cluster ({@link K3sCalicoCluster}); the suite's
 * gateway runs in it and is reached through the container's mapped NodePorts.
 */
public final class K3sEnvironment extends ClusterEnvironment {
  public static final String NAME = "k3s";

  K3sEnvironment(ConformanceConfig config, ClusterSettings settings, K3sCalicoCluster cluster,
      SampleServiceTemplates templates, Optional<InClusterGateway> ownGateway) {
    super(NAME, config, settings, cluster.client(), templates, ownGateway);
  }

  /** Calico is installed and waited for before the first scenario. */
  @Override
  protected Optional<String> networkPolicyMissing() {
    return Optional.empty();
  }

  // The cluster itself is shared by the run and stopped by its shutdown hook, not here.
}
