package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.AllowedRoutes;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerTLSConfig;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteNamespaces;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.grpcconformance.gateway.routing.PortRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the listeners of one Gateway on their own: protocol, port, allowedRoutes, TLS
 * certificates, and conflicts between listeners of the same Gateway. Conflicts with other Gateways
 * and with Ingress ports are decided later ({@link PortClaims}).
 */
final class ListenerTranslator {

  /**
   * Route kinds a listener can list in supportedKinds. GRPCRoute is served; HTTPRoute is only
   * advertised and counted, never served: the GATEWAY-GRPC conformance profile expects HTTP and
   * HTTPS listeners to list it (gateway-api.md §3.5 "Gotcha", §6 item 10).
   */
  static final List<String> ROUTE_KINDS = List.of("GRPCRoute", "HTTPRoute");

  private final CertificateResolver certificates;

  ListenerTranslator(CertificateResolver certificates) {
    this.certificates = certificates;
  }

  /** The listeners of {@code gateway} in spec order, with their checks done. */
  List<ListenerState> translate(Gateway gateway) {
    List<Listener> specs = gateway.getSpec() == null || gateway.getSpec().getListeners() == null
        ? List.of() : gateway.getSpec().getListeners();
    List<ListenerState> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      out.add(translate(gateway, i, specs.get(i)));
    }
    markConflicts(out);
    return out;
  }

  private ListenerState translate(Gateway gateway, int index, Listener spec) {
    String protocol = Meta.orDefault(spec.getProtocol(), "");
    PortRoutes.Protocol wire = switch (protocol) {
      case "HTTP" -> PortRoutes.Protocol.HTTP;
      case "HTTPS" -> PortRoutes.Protocol.HTTPS;
      default -> null;
    };
    int port = spec.getPort() == null ? 0 : spec.getPort();
    ListenerState l = new ListenerState(gateway, index, Meta.orDefault(spec.getName(), ""), port,
        protocol, Hostnames.normalize(spec.getHostname()), wire);
    if (wire == null) {
      // gateway_types.go ListenerReasonUnsupportedProtocol; supportedKinds stays empty
      // (GatewayListenerUnsupportedProtocol expects no kinds).
      l.reject(Conditions.REASON_UNSUPPORTED_PROTOCOL, l.field() + ".protocol: "
          + (protocol.isEmpty() ? "(unset)" : protocol) + " is not supported (HTTP and HTTPS are)");
      return l;
    }
    if (port < 1 || port > 65535) {
      l.reject(Conditions.REASON_UNSUPPORTED_VALUE, l.field() + ".port: " + port
          + " is not a valid port");
    }
    allowedRoutes(l, spec.getAllowedRoutes());
    if (wire == PortRoutes.Protocol.HTTPS) {
      tls(l, spec.getTls());
    }
    return l;
  }

  private static void allowedRoutes(ListenerState l, AllowedRoutes allowed) {
    String field = l.field() + ".allowedRoutes";
    List<RouteGroupKind> kinds = allowed == null || allowed.getKinds() == null
        ? List.of() : allowed.getKinds();
    if (kinds.isEmpty()) {
      // No kinds: the kinds of the listener's protocol (gateway_types.go AllowedRoutes.Kinds).
      for (String kind : ROUTE_KINDS) {
        l.supportedKinds.add(new RouteGroupKind(ListenerState.GATEWAY_GROUP, kind));
      }
    } else {
      List<String> invalid = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        RouteGroupKind k = kinds.get(i);
        String group = Meta.orDefault(k.getGroup(), ListenerState.GATEWAY_GROUP);
        String kind = Meta.orDefault(k.getKind(), "");
        if (group.equals(ListenerState.GATEWAY_GROUP) && ROUTE_KINDS.contains(kind)) {
          if (!l.allowsKind(kind)) {
            l.supportedKinds.add(new RouteGroupKind(group, kind));
          }
        } else {
          invalid.add(field + ".kinds[" + i + "]: route kind "
              + (group.isEmpty() ? "core" : group) + "/" + kind
              + " is not supported (GRPCRoute and HTTPRoute are)");
        }
      }
      if (!invalid.isEmpty()) {
        l.unresolved(Conditions.REASON_INVALID_ROUTE_KINDS, invalid);
      }
    }
    RouteNamespaces ns = allowed == null ? null : allowed.getNamespaces();
    String from = ns == null || ns.getFrom() == null ? "Same" : ns.getFrom();
    l.namespacesFrom = from;
    switch (from) {
      case "Same", "All" -> { }
      case "Selector" -> {
        String problem = LabelSelectors.validate(ns.getSelector(), field + ".namespaces.selector");
        if (problem != null) {
          l.reject(Conditions.REASON_UNSUPPORTED_VALUE, problem);
        } else {
          l.namespaceSelector = ns.getSelector();
        }
      }
      default -> l.reject(Conditions.REASON_UNSUPPORTED_VALUE, field + ".namespaces.from: "
          + from + " is not supported (All, Same or Selector)");
    }
  }

  private void tls(ListenerState l, ListenerTLSConfig tls) {
    String field = l.field() + ".tls";
    if (tls != null && tls.getMode() != null && !"Terminate".equals(tls.getMode())) {
      l.reject(Conditions.REASON_UNSUPPORTED_VALUE, field + ".mode: " + tls.getMode()
          + " is not supported for HTTPS (only Terminate)");
      return;
    }
    List<SecretObjectReference> refs = tls == null || tls.getCertificateRefs() == null
        ? List.of() : tls.getCertificateRefs();
    String sni = l.hostname.equals(Hostnames.ANY) ? "" : l.hostname;
    CertificateResolver.Result r =
        certificates.resolve(l.gateway, refs, field + ".certificateRefs", sni);
    l.certificates.addAll(r.certificates());
    if (r.reason() != null) {
      l.unresolved(r.reason(), r.problems());
    }
  }

  /**
   * Listeners of one Gateway that are not distinct (gateway_types.go "Handling indistinct
   * Listeners"): on one port, listeners of different protocols cannot be told apart by this data
   * plane (one socket is either TLS or cleartext) → ProtocolConflict for all of them; listeners of
   * one protocol with the same hostname → HostnameConflict for all of them. No winner is picked;
   * none of them is accepted or programmed (both False with the conflict reason). Listeners already rejected (e.g. an unsupported protocol) take no
   * part, as the spec says of protocols an implementation does not support.
   */
  private static void markConflicts(List<ListenerState> listeners) {
    Map<Integer, List<ListenerState>> byPort = new LinkedHashMap<>();
    for (ListenerState l : listeners) {
      if (l.accepted()) {
        byPort.computeIfAbsent(l.port, p -> new ArrayList<>()).add(l);
      }
    }
    for (Map.Entry<Integer, List<ListenerState>> e : byPort.entrySet()) {
      List<ListenerState> onPort = e.getValue();
      Set<String> protocols = new TreeSet<>();
      onPort.forEach(l -> protocols.add(l.protocol));
      if (protocols.size() > 1) {
        for (ListenerState l : onPort) {
          l.conflictReason = Conditions.REASON_PROTOCOL_CONFLICT;
          l.conflictMessage = "port " + e.getKey() + " is used with protocols " + protocols
              + " by listeners " + names(onPort);
        }
        continue;
      }
      Map<String, List<ListenerState>> byHost = new LinkedHashMap<>();
      onPort.forEach(l -> byHost.computeIfAbsent(l.hostname, h -> new ArrayList<>()).add(l));
      for (Map.Entry<String, List<ListenerState>> h : byHost.entrySet()) {
        if (h.getValue().size() > 1) {
          for (ListenerState l : h.getValue()) {
            l.conflictReason = Conditions.REASON_HOSTNAME_CONFLICT;
            l.conflictMessage = "listeners " + names(h.getValue()) + " share port " + e.getKey()
                + ", protocol " + l.protocol + " and hostname "
                + (h.getKey().equals(Hostnames.ANY) ? "(none)" : h.getKey());
          }
        }
      }
    }
  }

  private static List<String> names(List<ListenerState> listeners) {
    return listeners.stream().map(l -> l.name).toList();
  }
}
