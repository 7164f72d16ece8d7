package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.config.ConformanceConfig;
import java.util.Optional;

/**
 * Environment {@code kubeconfig}: an existing cluster through an allowed kube context (the KIND lab's
 * {@code kind-devops} by default). Prerequisites are checked, not installed; the suite's gateway is
 * (re)applied from manifests/gateway/ unless a third-party GatewayClass is under test.
 */
public final class KubeconfigEnvironment extends ClusterEnvironment {
  public static final String NAME = "kubeconfig";

  private final String context;
  private final Optional<String> networkPolicyMissing;

  KubeconfigEnvironment(ConformanceConfig config, ClusterSettings settings, String context, KubernetesClient client,
      SampleServiceTemplates templates, Optional<InClusterGateway> ownGateway) {
    super(NAME, config, settings, client, templates, ownGateway);
    this.context = context;
    this.networkPolicyMissing = calicoPresent(client) ? Optional.empty()
        : Optional.of("kube context '" + context + "' has no calico-node DaemonSet, so NetworkPolicy enforcement"
            + " is not assumed (the lab installs Calico: lab/up.sh)");
  }

  /** The kube context in use. */
  public String context() {
    return context;
  }

  @Override
  protected Optional<String> networkPolicyMissing() {
    return networkPolicyMissing;
  }

  /** Calico's manifest install lives in kube-system, the operator's in calico-system. */
  private static boolean calicoPresent(KubernetesClient client) {
    for (String namespace : new String[] {"kube-system", "calico-system"}) {
      try {
        if (client.apps().daemonSets().inNamespace(namespace).withName("calico-node").get() != null) {
          return true;
        }
      } catch (RuntimeException e) {
        // unreadable (RBAC): treat as absent
      }
    }
    return false;
  }

  @Override
  public void close() {
    super.close();
    client.close();
  }
}
