package io.grpcconformance.harness.cluster;

import java.time.Duration;

/**
 * Named timeouts of the cluster tier; each is overridable as {@code -Dconformance.timeout.<name>=<duration>}
 * (or {@code CONFORMANCE_TIMEOUT_<NAME>}). Budgets follow cluster.md §2.6: at least 3 minutes per stage, 5 on
 * a first run that pulls images.
 *
 * @param k3sStartup container start until the log line "k3s is up and running" (default 3m)
 * @param apiReady the API server answering a version request (default 1m)
 * @param nodeReady every Node Ready, which needs Calico's CNI config (default 5m)
 * @param calicoReady the calico-node DaemonSet ready on every node (default 5m)
 * @param corednsReady the CoreDNS Deployment available (default 3m)
 * @param serviceAccount the {@code default} ServiceAccount created in a namespace (default 1m)
 * @param crdsEstablished the Gateway API CRDs Established (default 1m)
 * @param deploymentReady a scenario's Deployment available, e.g. a sample service or the gateway (default 3m)
 * @param imageImport one image saved, copied and imported into k3s's containerd (default 5m)
 * @param preflightProbe one preflight probe, e.g. pulling an image or the privileged test container (default 2m)
 * @param namespaceDeleted a scenario namespace gone after deletion (default 2m)
 * @param pollInterval the interval between two checks of any wait (default 1s)
 */
public record ClusterTimeouts(
    Duration k3sStartup,
    Duration apiReady,
    Duration nodeReady,
    Duration calicoReady,
    Duration corednsReady,
    Duration serviceAccount,
    Duration crdsEstablished,
    Duration deploymentReady,
    Duration imageImport,
    Duration preflightProbe,
    Duration namespaceDeleted,
    Duration pollInterval) {

  /** The documented defaults. */
  public static ClusterTimeouts defaults() {
    return new ClusterTimeouts(
        Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(3),
        Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(1));
  }

  /** Defaults overridden by {@code conformance.timeout.*} settings. */
  public static ClusterTimeouts resolve(SettingSource source) {
    ClusterTimeouts d = defaults();
    return new ClusterTimeouts(
        source.getDuration("conformance.timeout.k3sStartup", d.k3sStartup),
        source.getDuration("conformance.timeout.apiReady", d.apiReady),
        source.getDuration("conformance.timeout.nodeReady", d.nodeReady),
        source.getDuration("conformance.timeout.calicoReady", d.calicoReady),
        source.getDuration("conformance.timeout.corednsReady", d.corednsReady),
        source.getDuration("conformance.timeout.serviceAccount", d.serviceAccount),
        source.getDuration("conformance.timeout.crdsEstablished", d.crdsEstablished),
        source.getDuration("conformance.timeout.deploymentReady", d.deploymentReady),
        source.getDuration("conformance.timeout.imageImport", d.imageImport),
        source.getDuration("conformance.timeout.preflightProbe", d.preflightProbe),
        source.getDuration("conformance.timeout.namespaceDeleted", d.namespaceDeleted),
        source.getDuration("conformance.timeout.pollInterval", d.pollInterval));
  }

  /** Every timeout set to the same short value, for tests. */
  public static ClusterTimeouts uniform(Duration timeout, Duration pollInterval) {
    return new ClusterTimeouts(timeout, timeout, timeout, timeout, timeout, timeout, timeout, timeout,
        timeout, timeout, timeout, pollInterval);
  }
}
