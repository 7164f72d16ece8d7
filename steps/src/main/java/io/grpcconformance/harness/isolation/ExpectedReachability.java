package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.PodInfo;
import io.grpcconformance.netpol.PodPort;
import io.grpcconformance.netpol.Protocol;
import io.grpcconformance.netpol.ReachabilityEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reachability the isolation scenarios' policies imply for their workloads, computed by the
 * netpol engine without a cluster. The model names the scenario's namespace {@code app} and the
 * client's {@code myproject}; pod IPs are fixed so the source material's ipBlock shapes select
 * something: {@code db} 172.17.0.10 (inside 172.17.0.0/16), {@code frontend} 172.17.1.10 (inside
 * the 172.17.1.0/24 exception), {@code other} 10.0.0.10 (inside the egress range 10.0.0.0/24) and
 * the client 172.18.0.10 (outside both).
 */
public final class ExpectedReachability {

  /** The model's name for the scenario's namespace. */
  public static final String APP = "app";

  /** The model's name for the client's namespace (labelled project=myproject). */
  public static final String CLIENT_NAMESPACE = "myproject";

  private final List<NetworkPolicy> policies = new ArrayList<>();

  /** Adds a policy as if it were created in the scenario's namespace. */
  public void add(NetworkPolicy policy) {
    policies.add(
        new NetworkPolicyBuilder(policy).editMetadata().withNamespace(APP).endMetadata().build());
  }

  /** The expected matrix on TCP {@code port}, as the engine's table. */
  public Matrix matrix(int port) {
    return new ReachabilityEngine(model(port), policies).matrix(port, Protocol.TCP);
  }

  /** Whether {@code fromNamespace/from} may reach {@code app/to} on TCP {@code port}. */
  public boolean allowed(String fromNamespace, String from, String to, int port) {
    return new ReachabilityEngine(model(port), policies)
        .allowed(fromNamespace + "/" + from, APP + "/" + to, port, Protocol.TCP);
  }

  private static ClusterModel model(int port) {
    List<PodPort> ports = List.of(PodPort.serveTcp(port));
    return new ClusterModel(
        List.of(
            new NamespaceInfo(APP, Map.of(NamespaceInfo.METADATA_NAME_LABEL, APP)),
            new NamespaceInfo(
                CLIENT_NAMESPACE,
                Map.of(
                    NamespaceInfo.METADATA_NAME_LABEL, CLIENT_NAMESPACE, "project", "myproject"))),
        List.of(
            new PodInfo(APP, "db", Map.of("role", "db"), "172.17.0.10", ports),
            new PodInfo(APP, "frontend", Map.of("role", "frontend"), "172.17.1.10", ports),
            new PodInfo(APP, "other", Map.of("role", "other"), "10.0.0.10", ports),
            new PodInfo(CLIENT_NAMESPACE, "client", Map.of(), "172.18.0.10", ports)));
  }
}
