package io.grpcconformance.harness.cluster;

import java.time.Duration;

/**
 * Named timeouts of the cluster tier; each is overridable as {@code -Dconformance.timeouts.<name>=<duration>}
 * (or {@code CONFORMANCE_TIMEOUTS_<NAME>}), next to the suite's own {@code conformance.timeouts.*}. Budgets follow cluster.md §2.6: at least 3 minutes per stage, 5 on
 * a first run that pulls images.
 *
 * @param k3sStartup container start until the log line "k3s is up and running" (default 3m)
 * @param apiReady the API server answering a version request (default 1m)
 * @param nodeReady every Node Ready, which needs Calico's CNI config (default 5m)
 * @param calicoReady the calico-node DaemonSet ready on every node (default 5m)
 * @param corednsReady the CoreDNS Deployment available (default 3m)
 * @param serviceAccount the {@code default} ServiceAccount created in a namespace (default 1m)
 * @param crdsEstablished the Gateway API CRDs Established (default 1m)
 * @param gatewayMustBeReady the in-cluster gateway's Deployment available (default 3m)
 * @param imageImport one image saved, copied and imported into k3s's containerd (default 5m)
 * @param preflightProbe one preflight probe, e.g. pulling an image or the privileged test container (default 2m)
 * @param clusterPollInterval the interval between two checks of any cluster wait (default 1s)
 */
public record ClusterTimeouts(
    Duration k3sStartup,
    Duration apiReady,
    Duration nodeReady,
    Duration calicoReady,
    Duration corednsReady,
    Duration serviceAccount,
    Duration crdsEstablished,
    Duration gatewayMustBeReady,
    Duration imageImport,
    Duration preflightProbe,
    Duration clusterPollInterval) {

  /** The documented defaults. */
  public static ClusterTimeouts defaults() {
    return new ClusterTimeouts(
        Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(3),
        Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(1));
  }

  /** Defaults overridden by {@code conformance.timeouts.*} settings. */
  public static ClusterTimeouts resolve(SettingSource source) {
    ClusterTimeouts d = defaults();
    return new ClusterTimeouts(
        source.getDuration("conformance.timeouts.k3sStartup", d.k3sStartup),
        source.getDuration("conformance.timeouts.apiReady", d.apiReady),
        source.getDuration("conformance.timeouts.nodeReady", d.nodeReady),
        source.getDuration("conformance.timeouts.calicoReady", d.calicoReady),
        source.getDuration("conformance.timeouts.corednsReady", d.corednsReady),
        source.getDuration("conformance.timeouts.serviceAccount", d.serviceAccount),
        source.getDuration("conformance.timeouts.crdsEstablished", d.crdsEstablished),
        source.getDuration("conformance.timeouts.gatewayMustBeReady", d.gatewayMustBeReady),
        source.getDuration("conformance.timeouts.imageImport", d.imageImport),
        source.getDuration("conformance.timeouts.preflightProbe", d.preflightProbe),
        source.getDuration("conformance.timeouts.clusterPollInterval", d.clusterPollInterval));
  }

  /** Every timeout set to the same short value, for tests. */
  public static ClusterTimeouts uniform(Duration timeout, Duration pollInterval) {
    return new ClusterTimeouts(timeout, timeout, timeout, timeout, timeout, timeout, timeout, timeout,
        timeout, timeout, pollInterval);
  }
}
