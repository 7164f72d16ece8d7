package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Gateway listener as the translator sees it: its spec values, what it allows, its
 * certificates, and the outcome of each check (which become its status conditions). Mutable only
 * while one translation runs; later steps (conflicts, port claims, route counting) add to it.
 */
final class ListenerState {
  static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

  final Gateway gateway;
  final int index;
  final String name;
  final int port;
  final String protocol;
  /** Lower-cased listener hostname, or {@link Hostnames#ANY} when the listener names none. */
  final String hostname;
  /** The wire protocol when {@link #protocol} is supported, else null. */
  final PortRoutes.Protocol wireProtocol;

  /** Kinds this listener accepts (status.supportedKinds), valid ones only. */
  final List<RouteGroupKind> supportedKinds = new ArrayList<>();
  String namespacesFrom = "Same";
  LabelSelector namespaceSelector;

  final List<ServerCertificate> certificates = new ArrayList<>();

  // Accepted condition: null reason = accepted.
  String notAcceptedReason;
  String notAcceptedMessage;
  // ResolvedRefs condition: null reason = resolved.
  String unresolvedReason;
  final List<String> unresolvedMessages = new ArrayList<>();
  // Conflicted condition: null reason = no conflict.
  String conflictReason;
  String conflictMessage;
  // Programmed=False for a reason that is not one of the above (e.g. Gateway not accepted).
  String notProgrammedMessage;

  /** Keys ("Kind ns/name") of the routes attached with Accepted=True, for attachedRoutes. */
  final Set<String> attachedRoutes = new LinkedHashSet<>();

  ListenerState(Gateway gateway, int index, String name, int port, String protocol,
      String hostname, PortRoutes.Protocol wireProtocol) {
    this.gateway = gateway;
    this.index = index;
    this.name = name;
    this.port = port;
    this.protocol = protocol;
    this.hostname = hostname;
    this.wireProtocol = wireProtocol;
  }

  /** "spec.listeners[i]" for messages. */
  String field() {
    return "spec.listeners[" + index + "]";
  }

  /** "Gateway ns/name listener name" for problem lines. */
  String describe() {
    return Meta.describe(gateway) + " listener " + name;
  }

  boolean accepted() {
    return notAcceptedReason == null;
  }

  boolean conflicted() {
    return conflictReason != null;
  }

  /** Accepted and not conflicted: the listener may claim its port. */
  boolean valid() {
    return accepted() && !conflicted();
  }

  /**
   * Whether traffic is served through this listener: valid, nothing else against it, and for
   * HTTPS at least one usable certificate (a listener whose every certificateRef failed serves
   * nothing; one with some usable certificates serves with those and reports ResolvedRefs=False).
   */
  boolean programmed() {
    return valid() && notProgrammedMessage == null
        && (wireProtocol != PortRoutes.Protocol.HTTPS || !certificates.isEmpty());
  }

  void reject(String reason, String message) {
    if (notAcceptedReason == null) {
      notAcceptedReason = reason;
      notAcceptedMessage = message;
    }
  }

  void unresolved(String reason, List<String> messages) {
    // RefNotPermitted outranks the other reasons: it is what the user must fix first.
    if (unresolvedReason == null || Conditions.REASON_REF_NOT_PERMITTED.equals(reason)) {
      unresolvedReason = reason;
    }
    unresolvedMessages.addAll(messages);
  }

  boolean allowsKind(String kind) {
    for (RouteGroupKind k : supportedKinds) {
      if (GATEWAY_GROUP.equals(k.getGroup()) && kind.equals(k.getKind())) {
        return true;
      }
    }
    return false;
  }

  /** allowedRoutes.namespaces: Same, All, or Selector against the route namespace's labels. */
  boolean allowsNamespace(String routeNamespace, Map<String, String> namespaceLabels) {
    return switch (namespacesFrom) {
      case "All" -> true;
      case "Same" -> routeNamespace.equals(Meta.namespace(gateway));
      case "Selector" -> namespaceSelector != null
          && LabelSelectors.matches(namespaceSelector, namespaceLabels);
      default -> false;
    };
  }
}
