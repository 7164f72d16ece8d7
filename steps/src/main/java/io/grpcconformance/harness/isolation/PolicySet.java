package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.Protocol;
import io.grpcconformance.netpol.ReachabilityEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies a scenario has in force, as written for the model ({@code x/...}), keyed {@code
 * namespace/name} like the API server keys them (applying a policy with an existing name replaces
 * it). The expected matrix is always computed by the reachability engine from this set.
 */
public final class PolicySet {

  private final Map<String, NetworkPolicy> policies = new LinkedHashMap<>();

  /** Adds {@code policy}, replacing one of the same namespace and name. */
  public synchronized void put(NetworkPolicy policy) {
    policies.put(key(policy), policy);
  }

  /**
   * Removes policy {@code namespace/name}.
   *
   * @throws IllegalArgumentException when no such policy is in force
   */
  public synchronized void remove(String namespace, String name) {
    if (policies.remove(namespace + "/" + name) == null) {
      throw new IllegalArgumentException(
          "no NetworkPolicy " + namespace + "/" + name + " in force; in force: " + policies.keySet());
    }
  }

  /** The policies in force, in the order they were first applied. */
  public synchronized List<NetworkPolicy> policies() {
    return new ArrayList<>(policies.values());
  }

  /** The expected matrix on TCP {@code port} over {@code model}. */
  public Matrix expected(ClusterModel model, int port) {
    return new ReachabilityEngine(model, policies()).matrix(port, Protocol.TCP);
  }

  private static String key(NetworkPolicy policy) {
    return policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
  }
}
