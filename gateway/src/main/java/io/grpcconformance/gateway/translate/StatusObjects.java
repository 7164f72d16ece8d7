package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the fresh status objects of {@link TranslationResult#statuses()}: apiVersion, kind,
 * metadata (name, namespace, uid, generation, resourceVersion) and status, nothing else.
 *
 * <p>Each object holds the complete status this controller owns: every condition type it manages
 * on a Gateway, listener and GatewayClass, and every route parent entry with its controllerName.
 * A condition type it no longer writes (PartiallyInvalid after the route is fixed, a parent entry
 * for a parentRef that was removed) should be removed by the status writer from the entries this
 * controller owns, leaving other controllers' entries alone. GRPCRoutes get a status object even
 * when no parentRef names one of our Gateways (empty parents), so stale entries can be cleaned up.
 * Gateway {@code status.addresses} is left empty: the runtime knows the bound addresses.
 */
final class StatusObjects {
  static final String API_VERSION = "gateway.networking.k8s.io/v1";

  private StatusObjects() {}

  /** The identifying metadata of {@code o}; a namespaced object always gets its namespace. */
  static ObjectMeta metadata(HasMetadata o) {
    ObjectMeta m = o.getMetadata() == null ? new ObjectMeta() : o.getMetadata();
    boolean namespaced = !(o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass);
    return new ObjectMetaBuilder()
        .withName(m.getName())
        .withNamespace(namespaced ? Meta.namespace(o) : null)
        .withUid(m.getUid())
        .withGeneration(m.getGeneration())
        .withResourceVersion(m.getResourceVersion())
        .build();
  }

  static Gateway gateway(GatewayState gw) {
    Gateway g = gw.gateway;
    List<ListenerStatus> listeners = new ArrayList<>();
    for (ListenerState l : gw.listeners) {
      listeners.add(new ListenerStatusBuilder()
          .withName(l.name)
          .withSupportedKinds(l.supportedKinds)
          .withAttachedRoutes(l.attachedRoutes.size())
          .withConditions(listenerConditions(l))
          .build());
    }
    return new GatewayBuilder()
        .withApiVersion(API_VERSION)
        .withKind("Gateway")
        .withMetadata(metadata(g))
        .withNewStatus()
        .withConditions(gatewayConditions(gw))
        .withListeners(listeners)
        .endStatus()
        .build();
  }

  static GRPCRoute grpcRoute(GRPCRoute route, List<RouteParentStatus> parents) {
    return new GRPCRouteBuilder()
        .withApiVersion(API_VERSION)
        .withKind("GRPCRoute")
        .withMetadata(metadata(route))
        .withNewStatus()
        .withParents(parents)
        .endStatus()
        .build();
  }

  private static List<Condition> gatewayConditions(GatewayState gw) {
    Gateway g = gw.gateway;
    if (gw.rejectReason != null) {
      String programmedReason = Conditions.REASON_UNSUPPORTED_ADDRESS.equals(gw.rejectReason)
          ? Conditions.REASON_ADDRESS_NOT_ASSIGNED : Conditions.REASON_INVALID;
      return List.of(
          Conditions.of(g, Conditions.ACCEPTED, false, gw.rejectReason, gw.rejectMessage),
          Conditions.of(g, Conditions.PROGRAMMED, false, programmedReason, gw.rejectMessage));
    }
    List<String> invalid = new ArrayList<>();
    List<String> valid = new ArrayList<>();
    for (ListenerState l : gw.listeners) {
      if (l.valid()) {
        valid.add(l.name);
      } else {
        invalid.add(l.name + " (" + (l.accepted() ? l.conflictReason : l.notAcceptedReason) + ")");
      }
    }
    Condition accepted;
    if (invalid.isEmpty()) {
      accepted = Conditions.of(g, Conditions.ACCEPTED, true, Conditions.REASON_ACCEPTED,
          "Gateway is accepted");
    } else {
      // gateway_types.go GatewayReasonListenersNotValid: True when some listeners are valid
      // (the valid subset is served), False when none is.
      accepted = Conditions.of(g, Conditions.ACCEPTED, !valid.isEmpty(),
          Conditions.REASON_LISTENERS_NOT_VALID, "listeners not valid: " + invalid
              + "; accepted listeners: " + valid);
    }
    boolean programmed = gw.listeners.stream().anyMatch(ListenerState::programmed);
    Condition prog = programmed
        ? Conditions.of(g, Conditions.PROGRAMMED, true, Conditions.REASON_PROGRAMMED,
            "Gateway is programmed")
        : Conditions.of(g, Conditions.PROGRAMMED, false, Conditions.REASON_INVALID,
            "no listener is programmed");
    return List.of(accepted, prog);
  }

  private static List<Condition> listenerConditions(ListenerState l) {
    Gateway g = l.gateway;
    List<Condition> out = new ArrayList<>();
    if (!l.accepted()) {
      out.add(Conditions.of(g, Conditions.ACCEPTED, false, l.notAcceptedReason,
          l.notAcceptedMessage));
    } else if (l.conflicted()) {
      // Indistinct listeners "must not be accepted for processing" (gateway_types.go); the
      // upstream ListenerSet*Conflict conformance tests expect Accepted and Programmed False
      // with the conflict reason, next to Conflicted=True.
      out.add(Conditions.of(g, Conditions.ACCEPTED, false, l.conflictReason, l.conflictMessage));
    } else {
      out.add(Conditions.of(g, Conditions.ACCEPTED, true, Conditions.REASON_ACCEPTED,
          "Listener is accepted"));
    }
    if (l.programmed()) {
      out.add(Conditions.of(g, Conditions.PROGRAMMED, true, Conditions.REASON_PROGRAMMED,
          "Listener is programmed"));
    } else {
      out.add(Conditions.of(g, Conditions.PROGRAMMED, false,
          l.accepted() && l.conflicted() ? l.conflictReason : Conditions.REASON_INVALID,
          notProgrammed(l)));
    }
    out.add(l.unresolvedReason == null
        ? Conditions.of(g, Conditions.RESOLVED_REFS, true, Conditions.REASON_RESOLVED_REFS,
            "All references are resolved")
        : Conditions.of(g, Conditions.RESOLVED_REFS, false, l.unresolvedReason,
            String.join("; ", l.unresolvedMessages)));
    out.add(l.conflicted()
        ? Conditions.of(g, Conditions.CONFLICTED, true, l.conflictReason, l.conflictMessage)
        : Conditions.of(g, Conditions.CONFLICTED, false, Conditions.REASON_NO_CONFLICTS,
            "No conflicts"));
    return out;
  }

  private static String notProgrammed(ListenerState l) {
    if (!l.accepted()) {
      return "listener is not accepted: " + l.notAcceptedMessage;
    }
    if (l.conflicted()) {
      return "listener is conflicted: " + l.conflictMessage;
    }
    if (l.notProgrammedMessage != null) {
      return l.notProgrammedMessage;
    }
    return "no usable certificate: " + String.join("; ", l.unresolvedMessages);
  }
}
