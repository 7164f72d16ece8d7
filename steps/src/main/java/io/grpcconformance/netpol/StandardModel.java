package io.grpcconformance.netpol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream netpol e2e / cyclonus model: namespaces {@code x}, {@code y}, {@code z} labelled
 * {@code ns: <name>}, each with pods {@code a}, {@code b}, {@code c} labelled {@code pod: <name>}
 * that serve TCP 80 and 81 on container ports named {@code serve-80-tcp} and {@code serve-81-tcp}.
 *
 * <p>Pod IPs are fake but deterministic, chosen so that the ipBlock shapes of our source material
 * (the Kubernetes docs' {@code test-network-policy}) have something to match:
 *
 * <table>
 *   <caption>Fake pod IPs</caption>
 *   <tr><th>pods</th><th>IPv4</th><th>IPv6</th><th>why</th></tr>
 *   <tr><td>x/a, x/b, x/c</td><td>172.17.0.10, .11, .12</td><td>fd00:172:17:0::10, ::11, ::12</td>
 *       <td>inside ipBlock 172.17.0.0/16, outside its except 172.17.1.0/24</td></tr>
 *   <tr><td>y/a, y/b, y/c</td><td>172.17.1.10, .11, .12</td><td>fd00:172:17:1::10, ::11, ::12</td>
 *       <td>inside the except 172.17.1.0/24</td></tr>
 *   <tr><td>z/a, z/b, z/c</td><td>172.18.0.10, .11, .12</td><td>fd00:172:18:0::10, ::11, ::12</td>
 *       <td>outside 172.17.0.0/16</td></tr>
 *   <tr><td>extra pods (Deployments), in model order</td><td>10.0.0.10, .11, ...</td>
 *       <td>fd00:10::10, ::11, ...</td><td>inside the docs' egress range 10.0.0.0/24</td></tr>
 * </table>
 *
 * <p>All nine standard pods share their first 4 address bits, as real pod IPs do, so upstream's
 * "{@code <podIP>/4}" CIDR cases select every standard pod.
 */
public final class StandardModel {

  /** The standard namespaces, in matrix order. */
  public static final List<String> NAMESPACES = List.of("x", "y", "z");

  /** The standard pod names in each namespace, in matrix order. */
  public static final List<String> POD_NAMES = List.of("a", "b", "c");

  /** The ports every standard pod serves over TCP. */
  public static final List<Integer> PORTS = List.of(80, 81);

  private StandardModel() {}

  /** The 3x3 model with IPv4 pod IPs. */
  public static ClusterModel create() {
    return create(IpFamily.IPV4);
  }

  /** The 3x3 model with pod IPs of the given family. */
  public static ClusterModel create(IpFamily family) {
    return extend(family, List.of(), List.of());
  }

  /**
   * The 3x3 model plus extra namespaces and pods (for example from Deployments in a manifests
   * folder).
   *
   * <p>A namespace named x, y or z in {@code extraNamespaces} adds its labels to the standard ones
   * (its values win); other namespaces are added as given. Extra pods get their IPs assigned here
   * (any IP they carry is replaced) and are ordered after the standard pods, by namespace then
   * name. Namespaces of extra pods that are not declared get only the {@value
   * NamespaceInfo#METADATA_NAME_LABEL} label.
   *
   * @throws IllegalArgumentException if an extra pod has the key of a standard pod
   */
  public static ClusterModel extend(
      IpFamily family, List<NamespaceInfo> extraNamespaces, List<PodInfo> extraPods) {
    Map<String, NamespaceInfo> namespaces = new LinkedHashMap<>();
    for (String ns : NAMESPACES) {
      namespaces.put(ns, new NamespaceInfo(ns, Map.of("ns", ns)));
    }
    for (NamespaceInfo extra : extraNamespaces) {
      NamespaceInfo standard = namespaces.get(extra.name());
      Map<String, String> labels = new LinkedHashMap<>();
      if (standard != null) {
        labels.putAll(standard.labels());
      }
      labels.putAll(extra.labels());
      namespaces.put(extra.name(), new NamespaceInfo(extra.name(), labels));
    }
    List<PodInfo> pods = new ArrayList<>();
    for (int n = 0; n < NAMESPACES.size(); n++) {
      for (int p = 0; p < POD_NAMES.size(); p++) {
        String ns = NAMESPACES.get(n);
        String pod = POD_NAMES.get(p);
        pods.add(
            new PodInfo(
                ns,
                pod,
                Map.of("pod", pod),
                standardIp(family, n, p),
                PORTS.stream().map(PodPort::serveTcp).toList()));
      }
    }
    List<PodInfo> sortedExtras = new ArrayList<>(extraPods);
    sortedExtras.sort(Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name));
    for (int i = 0; i < sortedExtras.size(); i++) {
      PodInfo extra = sortedExtras.get(i);
      if (NAMESPACES.contains(extra.namespace()) && POD_NAMES.contains(extra.name())) {
        throw new IllegalArgumentException(
            "pod " + extra.key() + " has the name of a standard model pod");
      }
      pods.add(
          new PodInfo(
              extra.namespace(), extra.name(), extra.labels(), extraIp(family, i), extra.ports()));
      namespaces.computeIfAbsent(extra.namespace(), ns -> new NamespaceInfo(ns, Map.of()));
    }
    return new ClusterModel(List.copyOf(namespaces.values()), pods);
  }

  private static String standardIp(IpFamily family, int namespaceIndex, int podIndex) {
    // x -> 172.17.0.*, y -> 172.17.1.*, z -> 172.18.0.*; pods a, b, c -> .10, .11, .12
    int second = namespaceIndex < 2 ? 17 : 18;
    int third = namespaceIndex == 1 ? 1 : 0;
    int last = 10 + podIndex;
    return family == IpFamily.IPV4
        ? "172." + second + "." + third + "." + last
        : "fd00:172:" + second + ":" + third + "::" + last;
  }

  private static String extraIp(IpFamily family, int index) {
    int third = index / 240;
    int last = 10 + index % 240;
    return family == IpFamily.IPV4
        ? "10.0." + third + "." + last
        : "fd00:10::" + third + ":" + last;
  }
}
