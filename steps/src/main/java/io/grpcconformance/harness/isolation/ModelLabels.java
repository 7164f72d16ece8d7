package io.grpcconformance.harness.isolation;

import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.PodInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Labels a scenario added to model pods and namespaces (upstream's {@code AddPodLabels} / {@code
 * UpdateNamespaceLabels} cases), kept so that the engine evaluates the same labels the cluster
 * has. The model's own {@code pod} and {@code ns} labels cannot be changed: matrices depend on them.
 */
public final class ModelLabels {

  private final Map<String, Map<String, String>> pods = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();

  /**
   * Records {@code labels} for model pod {@code key}.
   *
   * @throws IllegalArgumentException for the model's own label keys
   */
  public synchronized void pod(String key, Map<String, String> labels) {
    check(labels);
    pods.computeIfAbsent(key, k -> new LinkedHashMap<>()).putAll(labels);
  }

  /** Records {@code labels} for model namespace {@code name}. */
  public synchronized void namespace(String name, Map<String, String> labels) {
    check(labels);
    namespaces.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(labels);
  }

  /** {@code base} with the recorded labels added. */
  public synchronized ClusterModel applyTo(ClusterModel base) {
    List<NamespaceInfo> ns = new ArrayList<>();
    for (NamespaceInfo n : base.namespaces()) {
      Map<String, String> labels = new LinkedHashMap<>(n.labels());
      labels.putAll(namespaces.getOrDefault(n.name(), Map.of()));
      ns.add(new NamespaceInfo(n.name(), labels));
    }
    List<PodInfo> podInfos = new ArrayList<>();
    for (PodInfo p : base.pods()) {
      Map<String, String> labels = new LinkedHashMap<>(p.labels());
      labels.putAll(pods.getOrDefault(p.key(), Map.of()));
      podInfos.add(new PodInfo(p.namespace(), p.name(), labels, p.ip(), p.ports()));
    }
    return new ClusterModel(ns, podInfos);
  }

  private static void check(Map<String, String> labels) {
    for (String key :
        List.of(ModelManifests.POD_LABEL, ModelManifests.NS_LABEL, NamespaceInfo.METADATA_NAME_LABEL)) {
      if (labels.containsKey(key)) {
        throw new IllegalArgumentException(
            "label " + key + " belongs to the model and cannot be changed by a scenario");
      }
    }
  }
}
