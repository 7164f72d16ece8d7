package io.grpcconformance.harness.isolation;

import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.PodInfo;
import io.grpcconformance.netpol.PodPort;
import io.grpcconformance.netpol.StandardModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The standard model as deployed once: its cluster names and each pod's IP. {@link #engineModel()}
 * is the {@link ClusterModel} the reachability engine evaluates, with MODEL names ({@code x/a}) and
 * the REAL pod IPs, so that ipBlock policies built from pod IPs get the right expectation.
 *
 * @param names the cluster names of this deployment
 * @param pods the nine pods, in model order
 */
public record DeployedModel(ModelNames names, List<ProbeSource> pods) {

  public DeployedModel {
    Objects.requireNonNull(names, "names");
    pods = List.copyOf(pods);
  }

  /**
   * The model deployed under {@code names} with {@code ips} (model key → pod IP).
   *
   * @throws IllegalArgumentException when a model pod has no IP
   */
  public static DeployedModel of(ModelNames names, Map<String, String> ips) {
    List<ProbeSource> pods = new ArrayList<>();
    for (String ns : StandardModel.NAMESPACES) {
      for (String pod : StandardModel.POD_NAMES) {
        String key = ns + "/" + pod;
        String ip = ips.get(key);
        if (ip == null) {
          throw new IllegalArgumentException("no IP for model pod " + key);
        }
        pods.add(
            new ProbeSource(key, names.namespace(ns), pod, ModelManifests.probeContainer(), ip));
      }
    }
    return new DeployedModel(names, pods);
  }

  /** The pod keys in matrix order. */
  public List<String> keys() {
    return pods.stream().map(ProbeSource::key).toList();
  }

  /** The pod with model key {@code key}. */
  public ProbeSource pod(String key) {
    return pods.stream()
        .filter(p -> p.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model pod " + key));
  }

  /** Model key → pod IP. */
  public Map<String, String> ips() {
    Map<String, String> ips = new LinkedHashMap<>();
    pods.forEach(p -> ips.put(p.key(), p.ip()));
    return ips;
  }

  /** The engine's view: model namespaces and pods with their labels, real IPs and ports. */
  public ClusterModel engineModel() {
    List<NamespaceInfo> namespaces = new ArrayList<>();
    for (String ns : StandardModel.NAMESPACES) {
      // The API server labels every namespace with its real name; policies written for the model
      // use the model name, which PolicyMapper rewrites (see there).
      namespaces.add(new NamespaceInfo(ns, Map.of(ModelManifests.NS_LABEL, ns)));
    }
    List<PodInfo> infos = new ArrayList<>();
    for (ProbeSource pod : pods) {
      String ns = pod.key().substring(0, pod.key().indexOf('/'));
      infos.add(
          new PodInfo(
              ns,
              pod.pod(),
              Map.of(ModelManifests.POD_LABEL, pod.pod()),
              pod.ip(),
              StandardModel.PORTS.stream().map(PodPort::serveTcp).toList()));
    }
    return new ClusterModel(namespaces, infos);
  }
}
