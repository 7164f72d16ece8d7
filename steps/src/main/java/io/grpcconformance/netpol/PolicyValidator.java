package io.grpcconformance.netpol;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a NetworkPolicy the way the API server's {@code ValidateNetworkPolicy} does, for the
 * fields the engine reads, so that a policy the cluster would refuse is refused here with the field
 * named.
 */
public final class PolicyValidator {

  /** IANA_SVC_NAME: what a named port must look like (apimachinery {@code IsValidPortName}). */
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  private PolicyValidator() {}

  /** Every problem found in {@code policy}; empty when the API server would accept it. */
  public static List<PolicyProblem> validate(NetworkPolicy policy) {
    List<PolicyProblem> problems = new ArrayList<>();
    if (policy.getMetadata() == null
        || policy.getMetadata().getName() == null
        || policy.getMetadata().getName().isEmpty()) {
      problems.add(new PolicyProblem("metadata.name", "required"));
    }
    NetworkPolicySpec spec = policy.getSpec();
    if (spec == null) {
      return problems; // an absent spec is the zero spec: select all pods, Ingress only
    }
    selector(spec.getPodSelector(), "spec.podSelector", problems);
    policyTypes(spec.getPolicyTypes(), problems);
    List<NetworkPolicyIngressRule> ingress = nullToEmpty(spec.getIngress());
    for (int i = 0; i < ingress.size(); i++) {
      String at = "spec.ingress[" + i + "]";
      ports(ingress.get(i).getPorts(), at, problems);
      peers(ingress.get(i).getFrom(), at + ".from", problems);
    }
    List<NetworkPolicyEgressRule> egress = nullToEmpty(spec.getEgress());
    for (int i = 0; i < egress.size(); i++) {
      String at = "spec.egress[" + i + "]";
      ports(egress.get(i).getPorts(), at, problems);
      peers(egress.get(i).getTo(), at + ".to", problems);
    }
    return problems;
  }

  private static void policyTypes(List<String> types, List<PolicyProblem> problems) {
    List<String> list = nullToEmpty(types);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String type = list.get(i);
      String at = "spec.policyTypes[" + i + "]";
      if (!"Ingress".equals(type) && !"Egress".equals(type)) {
        problems.add(
            new PolicyProblem(
                at, "unsupported value '" + type + "' (supported: \"Ingress\", \"Egress\")"));
      } else if (!seen.add(type)) {
        problems.add(new PolicyProblem(at, "duplicate value '" + type + "'"));
      }
    }
  }

  private static void ports(
      List<NetworkPolicyPort> ports, String rule, List<PolicyProblem> problems) {
    List<NetworkPolicyPort> list = nullToEmpty(ports);
    for (int j = 0; j < list.size(); j++) {
      NetworkPolicyPort port = list.get(j);
      String at = rule + ".ports[" + j + "]";
      if (port.getProtocol() != null && Protocol.fromApiValue(port.getProtocol()).isEmpty()) {
        problems.add(
            new PolicyProblem(
                at + ".protocol",
                "unsupported value '"
                    + port.getProtocol()
                    + "' (supported: \"SCTP\", \"TCP\", \"UDP\")"));
      }
      IntOrString value = port.getPort();
      Integer number = value == null ? null : value.getIntVal();
      String name = value == null ? null : value.getStrVal();
      if (number != null && (number < 1 || number > 65535)) {
        problems.add(new PolicyProblem(at + ".port", number + " is not between 1 and 65535"));
      } else if (number == null && name != null) {
        portName(name, at + ".port", problems);
      }
      Integer endPort = port.getEndPort();
      if (endPort != null) {
        if (number == null && name != null) {
          problems.add(
              new PolicyProblem(
                  at + ".endPort", "may not be specified when `port` is non-numeric"));
        } else if (number == null) {
          problems.add(
              new PolicyProblem(
                  at + ".endPort", "may not be specified when `port` is not specified"));
        } else if (endPort < number) {
          problems.add(
              new PolicyProblem(
                  at + ".endPort",
                  endPort + " must be greater than or equal to `port` (" + number + ")"));
        } else if (endPort > 65535) {
          problems.add(new PolicyProblem(at + ".endPort", endPort + " is not between 1 and 65535"));
        }
      }
    }
  }

  private static void portName(String name, String at, List<PolicyProblem> problems) {
    String reason = null;
    if (name.length() > 15) {
      reason = "must be no more than 15 characters";
    } else if (!PORT_NAME.matcher(name).matches()) {
      reason =
          "must contain only lower-case alphanumerics and '-', starting and ending with an "
              + "alphanumeric";
    } else if (name.contains("--")) {
      reason = "must not contain consecutive hyphens";
    } else if (!name.matches(".*[a-z].*")) {
      reason = "must contain at least one letter";
    }
    if (reason != null) {
      problems.add(new PolicyProblem(at, "'" + name + "' is not a valid port name: " + reason));
    }
  }

  private static void peers(
      List<NetworkPolicyPeer> peers, String list, List<PolicyProblem> problems) {
    List<NetworkPolicyPeer> all = nullToEmpty(peers);
    for (int k = 0; k < all.size(); k++) {
      NetworkPolicyPeer peer = all.get(k);
      String at = list + "[" + k + "]";
      int count = 0;
      if (peer.getPodSelector() != null) {
        count++;
        selector(peer.getPodSelector(), at + ".podSelector", problems);
      }
      if (peer.getNamespaceSelector() != null) {
        count++;
        selector(peer.getNamespaceSelector(), at + ".namespaceSelector", problems);
      }
      if (peer.getIpBlock() != null) {
        count++;
        ipBlock(peer.getIpBlock(), at + ".ipBlock", problems);
      }
      if (count == 0) {
        problems.add(new PolicyProblem(at, "must specify a peer"));
      } else if (count > 1 && peer.getIpBlock() != null) {
        problems.add(new PolicyProblem(at, "may not specify both ipBlock and another peer"));
      }
    }
  }

  private static void ipBlock(IPBlock block, String at, List<PolicyProblem> problems) {
    IpCidr cidr;
    try {
      cidr = IpCidr.parse(block.getCidr());
    } catch (IllegalArgumentException e) {
      problems.add(new PolicyProblem(at + ".cidr", e.getMessage()));
      return;
    }
    List<String> excepts = nullToEmpty(block.getExcept());
    for (int e = 0; e < excepts.size(); e++) {
      String exceptAt = at + ".except[" + e + "]";
      try {
        IpCidr except = IpCidr.parse(excepts.get(e));
        if (!cidr.strictlyContains(except)) {
          problems.add(
              new PolicyProblem(
                  exceptAt, "'" + excepts.get(e) + "' must be a strict subset of `cidr` " + cidr));
        }
      } catch (IllegalArgumentException ex) {
        problems.add(new PolicyProblem(exceptAt, ex.getMessage()));
      }
    }
  }

  private static void selector(LabelSelector selector, String at, List<PolicyProblem> problems) {
    if (selector != null) {
      LabelSelectors.problem(selector, at).ifPresent(problems::add);
    }
  }

  static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
