package io.grpcconformance.harness.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the disposable k3s cluster looks like, as plain data (no Docker needed): the image, the k3s server
 * arguments, the extra exposed ports, the readiness log line and Calico's settings.
 *
 * @param image the k3s image, e.g. {@code rancher/k3s:v1.36.4-k3s1}
 * @param clusterCidr k3s's {@code --cluster-cidr}, also Calico's IPv4 pool
 * @param extraExposedPorts container ports to map to the host besides the API server's 6443
 * @param startupTimeout how long to wait for {@link #READY_LOG}
 */
public record K3sClusterSpec(String image, String clusterCidr, List<Integer> extraExposedPorts, Duration startupTimeout) {

  /**
   * Logged by the k3s server once the API server is up, with or without flannel (k3s pkg/cli/server/server.go).
   * The module's own wait, "Node controller sync successful", comes from flannel and never appears with
   * {@code --flannel-backend=none} (cluster.md §2.2).
   */
  public static final String READY_LOG = ".*k3s is up and running.*";

  public K3sClusterSpec {
    extraExposedPorts = List.copyOf(extraExposedPorts);
  }

  /** The spec for the suite's settings: the gateway's NodePorts exposed. */
  public static K3sClusterSpec from(ClusterSettings settings) {
    return new K3sClusterSpec(settings.k3sImage(), settings.clusterCidr(), GatewayNodePorts.ALL,
        settings.timeouts().k3sStartup());
  }

  /**
   * The server arguments appended to the module's own command ({@code server --disable=traefik --tls-san=<host>},
   * kept because {@code setCommand} replaces the whole command; cluster.md §1.2, §2.1).
   */
  public List<String> extraServerArgs() {
    return List.of(
        // No flannel: Calico is the CNI (k3s docs, "Custom CNI").
        "--flannel-backend=none",
        // No kube-router policy controller: Calico enforces NetworkPolicy, so results match the KIND lab.
        "--disable-network-policy",
        // Pod CIDR; Calico's pool is set to the same range (CALICO_IPV4POOL_CIDR).
        "--cluster-cidr=" + clusterCidr,
        "--disable=metrics-server",
        // The gateway is reached through NodePorts; no LoadBalancer Services, so no klipper svclb pods.
        "--disable=servicelb",
        // Avoids the intermittent kubectl logs/exec failures of k3s#5633 (jupyterhub/action-k3s-helm default);
        // gateway logs are read for failed scenarios.
        "--egress-selector-mode=disabled");
  }

  /** The module's command with {@link #extraServerArgs()} appended, each at most once. */
  public List<String> serverCommand(List<String> moduleCommand) {
    List<String> command = new ArrayList<>(moduleCommand);
    if (command.isEmpty()) {
      command.add("server");
    }
    for (String arg : extraServerArgs()) {
      if (!command.contains(arg)) {
        command.add(arg);
      }
    }
    return List.copyOf(command);
  }

  /**
   * calico-node environment for k3s: the pool equals the cluster CIDR (k3s has no kubeadm-config for Calico to
   * read, cluster.md §2.4), and no encapsulation, since one node needs no tunnel (removes the host's ipip module
   * from the requirements; cluster.md §2.4, unverified).
   */
  public Map<String, String> calicoNodeEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CALICO_IPV4POOL_CIDR", clusterCidr);
    env.put("CALICO_IPV4POOL_IPIP", "Never");
    env.put("CALICO_IPV4POOL_VXLAN", "Never");
    return env;
  }
}
