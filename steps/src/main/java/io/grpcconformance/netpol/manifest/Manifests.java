package io.grpcconformance.netpol.manifest;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.IpFamily;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.PodInfo;
import io.grpcconformance.netpol.ReachabilityEngine;
import io.grpcconformance.netpol.StandardModel;
import java.util.List;

/**
 * What a manifests folder contributes to a reachability analysis.
 *
 * @param policies the valid NetworkPolicies, in file then document order (a later ns/name replaces
 *     an earlier one, as {@code kubectl apply} would)
 * @param namespaces namespaces declared by Namespace documents, with their labels
 * @param pods one pod per Deployment with replicas above zero (labels and container ports from the
 *     pod template); their IPs are placeholders until the model assigns them
 * @param notes remarks for the user (skipped kinds, replaced policies), one line each
 */
public record Manifests(
    List<NetworkPolicy> policies,
    List<NamespaceInfo> namespaces,
    List<PodInfo> pods,
    List<String> notes) {

  public Manifests {
    policies = List.copyOf(policies);
    namespaces = List.copyOf(namespaces);
    pods = List.copyOf(pods);
    notes = List.copyOf(notes);
  }

  /** The standard x/y/z model extended with these namespaces and Deployment pods. */
  public ClusterModel model(IpFamily family) {
    return StandardModel.extend(family, namespaces, pods);
  }

  /** An engine for these policies over {@link #model(IpFamily)}. */
  public ReachabilityEngine engine(IpFamily family) {
    return new ReachabilityEngine(model(family), policies);
  }
}
