package io.grpcconformance.netpol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pod as the policy engine sees it: identity, labels, its IP and its container ports.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param labels the pod's labels (copied, iteration order sorted by key)
 * @param ip the pod IP, IPv4 or IPv6 literal; {@code ipBlock} peers match pods by this address
 * @param ports the container ports of all its containers; named ports in policies resolve here
 */
public record PodInfo(
    String namespace, String name, Map<String, String> labels, String ip, List<PodPort> ports) {

  public PodInfo {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ip, "ip");
    IpCidr.parseAddress(ip); // an IPv4 or IPv6 literal, else IllegalArgumentException
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    ports = List.copyOf(ports == null ? List.of() : ports);
  }

  /** The {@code namespace/name} key used in matrices and reports. */
  public String key() {
    return namespace + "/" + name;
  }

  /** The container port called {@code portName} for {@code protocol}, if the pod has one. */
  public Optional<PodPort> namedPort(String portName, Protocol protocol) {
    return ports.stream()
        .filter(p -> portName.equals(p.name()) && p.protocol() == protocol)
        .findFirst();
  }

  @Override
  public String toString() {
    return key() + " " + new TreeMap<>(labels) + " " + ip;
  }
}
