package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The RouteParentStatus of a GRPCRoute for one parentRef (shared_types.go RouteParentStatus):
 * Accepted, ResolvedRefs and, only when some rules were dropped and some kept, PartiallyInvalid
 * (which "MUST only be set when it is True", reason UnsupportedValue, with a message starting
 * "Dropped Rule"; the Accepted condition stays True at the current generation).
 *
 * <p>Accepted=False reasons, first applicable: the attachment reason (NoMatchingParent,
 * NotAllowedByListeners, NoMatchingListenerHostname); UnsupportedValue for a route-level problem;
 * the first dropped rule's reason (UnsupportedValue or IncompatibleFilters) when every rule was
 * dropped; HostnameConflict when the route lost the cross-serving rule on every listener it
 * attached to. ResolvedRefs is the same for every parent: the first unresolved backendRef's reason.
 */
final class RouteStatuses {

  /** The outcome for one parent: its status entry and the listeners that serve the route. */
  record Outcome(RouteParentStatus status, List<RouteAttachment.ListenerAttachment> served) {}

  private RouteStatuses() {}

  /** @param lostOn listeners of this parent on which the route lost the cross-serving rule */
  static Outcome parent(CompiledRoute route, RouteAttachment.Parent parent,
      List<ListenerState> lostOn, String controllerName) {
    HasMetadata r = route.route();
    List<RouteAttachment.ListenerAttachment> served = new ArrayList<>();
    Condition accepted;
    boolean partiallyInvalid = false;
    if (parent.reason() != null) {
      accepted = Conditions.of(r, Conditions.ACCEPTED, false, parent.reason(), parent.message());
    } else if (route.routeProblem() != null) {
      accepted = Conditions.of(r, Conditions.ACCEPTED, false, Conditions.REASON_UNSUPPORTED_VALUE,
          route.routeProblem());
    } else if (!route.implemented()) {
      accepted = Conditions.of(r, Conditions.ACCEPTED, false, route.droppedReason(),
          "every rule is invalid: " + String.join("; ", route.dropped()));
    } else {
      for (RouteAttachment.ListenerAttachment a : parent.listeners()) {
        if (!lostOn.contains(a.listener())) {
          served.add(a);
        }
      }
      if (served.isEmpty()) {
        accepted = Conditions.of(r, Conditions.ACCEPTED, false,
            Conditions.REASON_ROUTE_HOSTNAME_CONFLICT, "an older HTTPRoute serves an intersecting"
                + " hostname on listeners " + lostOn.stream().map(l -> l.name).toList()
                + " (HTTPRoute/GRPCRoute cross-serving: the older route is accepted)");
      } else {
        accepted = Conditions.of(r, Conditions.ACCEPTED, true, Conditions.REASON_ACCEPTED,
            "Route is accepted");
        partiallyInvalid = !route.dropped().isEmpty();
      }
    }
    List<Condition> conditions = new ArrayList<>();
    conditions.add(accepted);
    conditions.add(route.refsReason() == null
        ? Conditions.of(r, Conditions.RESOLVED_REFS, true, Conditions.REASON_RESOLVED_REFS,
            "All references are resolved")
        : Conditions.of(r, Conditions.RESOLVED_REFS, false, route.refsReason(),
            String.join("; ", route.refsProblems())));
    if (partiallyInvalid) {
      conditions.add(Conditions.of(r, Conditions.PARTIALLY_INVALID, true,
          Conditions.REASON_UNSUPPORTED_VALUE,
          "Dropped Rule(s): " + String.join("; ", route.dropped())));
    }
    RouteParentStatus status = new RouteParentStatusBuilder()
        .withParentRef(parent.parentRef())
        .withControllerName(controllerName)
        .withConditions(conditions)
        .build();
    return new Outcome(status, served);
  }
}
