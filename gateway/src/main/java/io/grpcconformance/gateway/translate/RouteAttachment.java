package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which listeners a route attaches to through each parentRef (shared_types.go ParentReference,
 * gateway_types.go AllowedRoutes, grpcroute_types.go GRPCRouteSpec.Hostnames).
 *
 * <p>Per parentRef to one of our Gateways (group {@code gateway.networking.k8s.io}, kind {@code
 * Gateway}, namespace defaulting to the route's): the listeners named by {@code sectionName} and
 * on {@code port} (both must match when both are set; neither = all listeners) — none gives
 * NoMatchingParent; of those, the ones whose allowedRoutes admit the route's namespace and kind —
 * none gives NotAllowedByListeners; of those, the ones sharing a hostname with the route — none
 * gives NoMatchingListenerHostname. Attaching does not depend on listener status (gateway_types.go
 * ListenerStatus.AttachedRoutes: "Listener or Route status does not impact successful
 * attachment"). References to other parents are not ours and get no status (RouteStatus.Parents:
 * "parent references that cannot be resolved ... will not be added").
 */
final class RouteAttachment {

  /** One listener a route attaches to, with the hosts it serves there. */
  record ListenerAttachment(ListenerState listener, List<String> hostnames) {}

  /**
   * The outcome for one parentRef.
   *
   * @param parentRef the reference with group, kind and namespace defaulted (echoed in status)
   * @param gateway the Gateway it names
   * @param listeners attached listeners; empty when {@link #reason} is set
   * @param reason null when attached, else the Accepted=False reason
   * @param message why not attached, else null
   */
  record Parent(ParentReference parentRef, GatewayState gateway,
      List<ListenerAttachment> listeners, String reason, String message) {}

  private RouteAttachment() {}

  /**
   * @param kind the route's kind ({@code GRPCRoute} or {@code HTTPRoute})
   * @param gateways our Gateways by "{namespace}/{name}"
   * @param parentRefs spec.parentRefs (null = none)
   * @param routeHostnames spec.hostnames (null or empty = none)
   */
  static List<Parent> attach(String kind, HasMetadata route, List<ParentReference> parentRefs,
      List<String> routeHostnames, Map<String, GatewayState> gateways, SnapshotIndex index) {
    String routeNs = Meta.namespace(route);
    List<String> hostnames = routeHostnames == null ? List.of() : routeHostnames;
    Map<String, Parent> out = new LinkedHashMap<>();
    for (ParentReference ref : parentRefs == null ? List.<ParentReference>of() : parentRefs) {
      if (ref == null || Meta.isBlank(ref.getName())) {
        continue;
      }
      String group = Meta.orDefault(ref.getGroup(), ListenerState.GATEWAY_GROUP);
      String parentKind = Meta.orDefault(ref.getKind(), "Gateway");
      String ns = Meta.isBlank(ref.getNamespace()) ? routeNs : ref.getNamespace();
      GatewayState gw = gateways.get(ns + "/" + ref.getName());
      if (!group.equals(ListenerState.GATEWAY_GROUP) || !parentKind.equals("Gateway")
          || gw == null) {
        continue;
      }
      ParentReference echoed = new ParentReferenceBuilder()
          .withGroup(group).withKind(parentKind).withNamespace(ns).withName(ref.getName())
          .withSectionName(Meta.isBlank(ref.getSectionName()) ? null : ref.getSectionName())
          .withPort(ref.getPort())
          .build();
      String dedupe =
          ns + "/" + ref.getName() + "/" + echoed.getSectionName() + "/" + ref.getPort();
      out.putIfAbsent(dedupe, attach(kind, routeNs, echoed, gw, hostnames, index));
    }
    return new ArrayList<>(out.values());
  }

  /**
   * One problem line per parentRef that names a Gateway (group {@code gateway.networking.k8s.io})
   * absent from the snapshot. Such a parent gets no status entry (spec: a parent this controller
   * cannot resolve is not listed in status.parents), so the log is the only place it shows.
   *
   * @param existingGateways every Gateway in the snapshot (any class) by "{namespace}/{name}"
   */
  static List<String> missingGateways(HasMetadata route, List<ParentReference> parentRefs,
      Set<String> existingGateways) {
    String routeNs = Meta.namespace(route);
    List<String> problems = new ArrayList<>();
    List<ParentReference> refs = parentRefs == null ? List.of() : parentRefs;
    for (int k = 0; k < refs.size(); k++) {
      ParentReference ref = refs.get(k);
      if (ref == null || Meta.isBlank(ref.getName())
          || !Meta.orDefault(ref.getGroup(), ListenerState.GATEWAY_GROUP)
              .equals(ListenerState.GATEWAY_GROUP)
          || !Meta.orDefault(ref.getKind(), "Gateway").equals("Gateway")) {
        continue;
      }
      String ns = Meta.isBlank(ref.getNamespace()) ? routeNs : ref.getNamespace();
      if (!existingGateways.contains(ns + "/" + ref.getName())) {
        problems.add(Meta.describe(route) + " spec.parentRefs[" + k + "]: Gateway " + ns + "/"
            + ref.getName() + " not found; the route is not attached there");
      }
    }
    return problems;
  }

  private static Parent attach(String kind, String routeNs, ParentReference ref,
      GatewayState gw, List<String> routeHostnames, SnapshotIndex index) {
    List<ListenerState> selected = new ArrayList<>();
    for (ListenerState l : gw.listeners) {
      if ((ref.getSectionName() == null || ref.getSectionName().equals(l.name))
          && (ref.getPort() == null || ref.getPort() == l.port)) {
        selected.add(l);
      }
    }
    if (selected.isEmpty()) {
      return new Parent(ref, gw, List.of(), Conditions.REASON_NO_MATCHING_PARENT,
          "no listener of " + Meta.describe(gw.gateway) + " matches"
              + (ref.getSectionName() == null ? "" : " sectionName " + ref.getSectionName())
              + (ref.getPort() == null ? "" : " port " + ref.getPort()));
    }
    Map<String, String> nsLabels = index.namespaceLabels(routeNs);
    List<ListenerState> allowed = new ArrayList<>();
    for (ListenerState l : selected) {
      if (l.allowsKind(kind) && l.allowsNamespace(routeNs, nsLabels)) {
        allowed.add(l);
      }
    }
    if (allowed.isEmpty()) {
      return new Parent(ref, gw, List.of(), Conditions.REASON_NOT_ALLOWED_BY_LISTENERS,
          "allowedRoutes of listeners " + names(selected) + " do not admit " + kind
              + " from namespace " + routeNs);
    }
    List<ListenerAttachment> attached = new ArrayList<>();
    for (ListenerState l : allowed) {
      List<String> hosts = Hostnames.effective(l.hostname, routeHostnames);
      if (!hosts.isEmpty()) {
        attached.add(new ListenerAttachment(l, hosts));
      }
    }
    if (attached.isEmpty()) {
      return new Parent(ref, gw, List.of(), Conditions.REASON_NO_MATCHING_LISTENER_HOSTNAME,
          "no hostname of the route intersects the hostname of listeners " + names(allowed));
    }
    return new Parent(ref, gw, attached, null, null);
  }

  private static List<String> names(List<ListenerState> listeners) {
    return listeners.stream().map(l -> l.name).toList();
  }
}
