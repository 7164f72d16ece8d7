package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster operations of the isolation harness, small enough to fake in unit tests. {@link
 * Fabric8ClusterOps} implements them (and {@link PodExec}) with a fabric8 client.
 */
public interface ClusterOps {

  /** Creates a Namespace, Pod or other object; fails if it exists. */
  void create(HasMetadata object);

  /** The state of pod {@code namespace/name}, empty when it does not exist. */
  Optional<PodState> pod(String namespace, String name);

  /** Creates {@code policy} or replaces the one with its name. */
  void applyPolicy(NetworkPolicy policy);

  /** Deletes NetworkPolicy {@code namespace/name}; nothing when it does not exist. */
  void deletePolicy(String namespace, String name);

  /** Adds {@code labels} to pod {@code namespace/name} (replacing values of the same keys). */
  void labelPod(String namespace, String name, Map<String, String> labels);

  /** Adds {@code labels} to namespace {@code name} (replacing values of the same keys). */
  void labelNamespace(String name, Map<String, String> labels);

  /** Deletes namespace {@code name} (and so everything in it) without waiting. */
  void deleteNamespace(String name);

  /**
   * The ready endpoints behind port {@code servicePort} of Service {@code namespace/name}, from its
   * EndpointSlices: pod IPs with the target port (what a gateway dials, and what NetworkPolicy
   * ports are matched against).
   */
  List<ServiceEndpoint> serviceEndpoints(String namespace, String name, int servicePort);

  /** The label selector of Service {@code namespace/name}. */
  Map<String, String> serviceSelector(String namespace, String name);
}
