package io.grpcconformance.netpol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The namespaces and pods a reachability matrix is computed over, in a fixed order (the matrix
 * order).
 *
 * <p>A pod whose namespace is not listed is treated as living in a namespace that carries only the
 * {@value NamespaceInfo#METADATA_NAME_LABEL} label.
 */
public record ClusterModel(List<NamespaceInfo> namespaces, List<PodInfo> pods) {

  public ClusterModel {
    namespaces = List.copyOf(namespaces);
    pods = List.copyOf(pods);
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (NamespaceInfo namespace : namespaces) {
      if (seen.put("ns:" + namespace.name(), true) != null) {
        throw new IllegalArgumentException("namespace listed twice: " + namespace.name());
      }
    }
    for (PodInfo pod : pods) {
      if (seen.put("pod:" + pod.key(), true) != null) {
        throw new IllegalArgumentException("pod listed twice: " + pod.key());
      }
    }
  }

  /** The namespace called {@code name}, if the model lists it. */
  public Optional<NamespaceInfo> namespace(String name) {
    return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The labels of namespace {@code name}; only the metadata-name label when it is not listed. */
  public Map<String, String> namespaceLabels(String name) {
    return namespace(name).orElseGet(() -> new NamespaceInfo(name, Map.of())).labels();
  }

  /** The pod with key {@code namespace/name}, if any. */
  public Optional<PodInfo> pod(String key) {
    return pods.stream().filter(p -> p.key().equals(key)).findFirst();
  }

  /** The pod keys ({@code namespace/name}) in model order: the rows and columns of a matrix. */
  public List<String> podKeys() {
    List<String> keys = new ArrayList<>(pods.size());
    pods.forEach(p -> keys.add(p.key()));
    return keys;
  }
}
