package io.grpcconformance.gateway.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who gets each listening port. This data plane serves every Gateway on one shared address, so
 * listeners of different Gateways on one port share its socket:
 *
 * <ul>
 *   <li>A port the Ingress translation uses stays the Ingress's; a Gateway listener on it gets
 *       Accepted=False/PortUnavailable (and, like every rejected listener, a problem line).
 *   <li>Otherwise the oldest Gateway (creationTimestamp, then namespace/name) with a valid listener
 *       on the port fixes the port's protocol; a listener of a later Gateway with the other
 *       protocol gets Accepted=False/PortUnavailable ("the port is already in use",
 *       gateway_types.go ListenerReasonPortUnavailable).
 *   <li>Listeners of several Gateways with the same port and protocol are merged: their routes are
 *       served together, and same-hostname listeners share one listener slot (see
 *       {@link VirtualHostBuilder}).
 * </ul>
 */
final class PortClaims {
  private PortClaims() {}

  /**
   * @param gatewaysOldestFirst our Gateways, oldest first
   * @param ingressPorts ports the Ingress translation serves
   */
  static void apply(List<GatewayState> gatewaysOldestFirst, Set<Integer> ingressPorts) {
    Map<Integer, ListenerState> owner = new HashMap<>();
    for (GatewayState gw : gatewaysOldestFirst) {
      if (gw.rejectReason != null) {
        continue; // a Gateway that is not accepted serves nothing and claims no port
      }
      for (ListenerState l : gw.listeners) {
        if (!l.valid()) {
          continue;
        }
        if (ingressPorts.contains(l.port)) {
          l.reject(Conditions.REASON_PORT_UNAVAILABLE, "port " + l.port
              + " is used by the Ingress configuration of this gateway");
          continue;
        }
        ListenerState first = owner.putIfAbsent(l.port, l);
        if (first != null && !first.protocol.equals(l.protocol)) {
          l.reject(Conditions.REASON_PORT_UNAVAILABLE, "port " + l.port + " is used with protocol "
              + first.protocol + " by " + first.describe());
        }
      }
    }
  }
}
