package io.grpcconformance.netpol;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/** A validated NetworkPolicy in the form the engine evaluates (CIDRs parsed, defaults applied). */
final class CompiledPolicy {

  /** The namespace kubectl uses for a manifest that names none. */
  static final String DEFAULT_NAMESPACE = "default";

  private final String namespace;
  private final String id;
  private final LabelSelector podSelector;
  private final boolean ingressType;
  private final boolean egressType;
  private final List<Rule> ingress;
  private final List<Rule> egress;

  private record Peer(
      LabelSelector namespaceSelector, LabelSelector podSelector, IpBlockMatcher ipBlock) {}

  /** A rule: empty peers = every peer, empty ports = every port (networking/v1 field docs). */
  private record Rule(List<Peer> peers, List<NetworkPolicyPort> ports) {}

  CompiledPolicy(NetworkPolicy original) {
    // A deep copy: fabric8 model objects are mutable, and the engine must not change under callers.
    NetworkPolicy policy = new NetworkPolicyBuilder(original).build();
    String ns = policy.getMetadata().getNamespace();
    this.namespace = ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
    this.id = namespace + "/" + policy.getMetadata().getName();
    NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    // A missing podSelector is the zero LabelSelector {}: it selects every pod in the namespace.
    this.podSelector = spec.getPodSelector() == null ? new LabelSelector() : spec.getPodSelector();
    this.ingress =
        PolicyValidator.nullToEmpty(spec.getIngress()).stream()
            .map(r -> rule(r.getFrom(), r.getPorts()))
            .toList();
    this.egress =
        PolicyValidator.nullToEmpty(spec.getEgress()).stream()
            .map(r -> rule(r.getTo(), r.getPorts()))
            .toList();
    List<String> types = PolicyValidator.nullToEmpty(spec.getPolicyTypes());
    if (types.isEmpty()) {
      // API defaulting: Ingress always, plus Egress when the policy has egress rules.
      this.ingressType = true;
      this.egressType = !this.egress.isEmpty();
    } else {
      // Explicit policyTypes win: rules of a direction not listed are ignored.
      this.ingressType = types.contains("Ingress");
      this.egressType = types.contains("Egress");
    }
  }

  private static Rule rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    return new Rule(
        PolicyValidator.nullToEmpty(peers).stream()
            .map(
                p ->
                    new Peer(
                        p.getNamespaceSelector(),
                        p.getPodSelector(),
                        p.getIpBlock() == null ? null : IpBlockMatcher.of(p.getIpBlock())))
            .toList(),
        List.copyOf(PolicyValidator.nullToEmpty(ports)));
  }

  String id() {
    return id;
  }

  /** Whether this policy isolates {@code pod} for ingress. */
  boolean selectsForIngress(PodInfo pod) {
    return ingressType && selects(pod);
  }

  /** Whether this policy isolates {@code pod} for egress. */
  boolean selectsForEgress(PodInfo pod) {
    return egressType && selects(pod);
  }

  boolean selects(PodInfo pod) {
    // A policy only ever selects pods of its own namespace.
    return pod.namespace().equals(namespace) && LabelSelectors.matches(podSelector, pod.labels());
  }

  /** Whether some ingress rule admits {@code src} into {@code dst} (which this policy selects). */
  boolean allowsIngress(PodInfo src, PodInfo dst, int port, Protocol protocol, ClusterModel model) {
    return ingress.stream().anyMatch(r -> allows(r, src, dst, port, protocol, model));
  }

  /** Whether some egress rule lets {@code src} (which this policy selects) reach {@code dst}. */
  boolean allowsEgress(PodInfo src, PodInfo dst, int port, Protocol protocol, ClusterModel model) {
    return egress.stream().anyMatch(r -> allows(r, dst, dst, port, protocol, model));
  }

  /**
   * Whether {@code rule} matches: {@code peer} is the other end (source for ingress, destination
   * for egress) and ports are always those of the destination pod, where named ports resolve.
   */
  private boolean allows(
      Rule rule, PodInfo peer, PodInfo dst, int port, Protocol protocol, ClusterModel model) {
    boolean peerOk =
        rule.peers().isEmpty() || rule.peers().stream().anyMatch(p -> matches(p, peer, model));
    boolean portOk =
        rule.ports().isEmpty()
            || rule.ports().stream().anyMatch(p -> matches(p, dst, port, protocol));
    return peerOk && portOk;
  }

  private boolean matches(Peer peer, PodInfo pod, ClusterModel model) {
    if (peer.ipBlock() != null) {
      // Pods match ipBlocks by pod IP, as upstream e2e expects and Calico implements.
      return peer.ipBlock().matches(pod.ip());
    }
    // In one peer, namespaceSelector AND podSelector; no namespaceSelector = the policy's
    // namespace.
    boolean namespaceOk =
        peer.namespaceSelector() == null
            ? pod.namespace().equals(namespace)
            : LabelSelectors.matches(
                peer.namespaceSelector(), model.namespaceLabels(pod.namespace()));
    boolean podOk =
        peer.podSelector() == null || LabelSelectors.matches(peer.podSelector(), pod.labels());
    return namespaceOk && podOk;
  }

  private static boolean matches(NetworkPolicyPort rule, PodInfo dst, int port, Protocol protocol) {
    // A port entry without protocol means TCP (API defaulting).
    Protocol ruleProtocol =
        rule.getProtocol() == null
            ? Protocol.TCP
            : Protocol.fromApiValue(rule.getProtocol()).orElseThrow();
    if (ruleProtocol != protocol) {
      return false;
    }
    IntOrString value = rule.getPort();
    if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
      return true; // no port: every port of this protocol
    }
    if (value.getIntVal() != null) {
      int first = value.getIntVal();
      int last = rule.getEndPort() == null ? first : rule.getEndPort();
      return port >= first && port <= last;
    }
    // A named port matches when the destination has a container port of that name and protocol
    // whose number is the port being connected to (for egress too: it resolves on the destination).
    return dst.namedPort(value.getStrVal(), protocol).map(p -> p.port() == port).orElse(false);
  }
}
