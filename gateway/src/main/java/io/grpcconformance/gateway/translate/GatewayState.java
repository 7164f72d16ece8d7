package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import java.util.List;

/**
 * One Gateway of our classes and its listeners, with the Gateway-level outcome.
 *
 * <p>Gateway conditions (gateway_types.go GatewayConditionAccepted / Programmed): Accepted=False
 * with {@link #rejectReason} for a problem of the Gateway itself (parameters, addresses, class);
 * otherwise Accepted=True/Accepted when every listener is valid, True/ListenersNotValid when some
 * are, False/ListenersNotValid when none is. Programmed=True when at least one listener is
 * programmed.
 */
final class GatewayState {
  final Gateway gateway;
  final List<ListenerState> listeners;
  /** Null when the Gateway itself is acceptable. */
  final String rejectReason;
  final String rejectMessage;

  GatewayState(Gateway gateway, List<ListenerState> listeners, String rejectReason,
      String rejectMessage) {
    this.gateway = gateway;
    this.listeners = List.copyOf(listeners);
    this.rejectReason = rejectReason;
    this.rejectMessage = rejectMessage;
    if (rejectReason != null) {
      for (ListenerState l : listeners) {
        l.notProgrammedMessage = "Gateway is not accepted: " + rejectMessage;
      }
    }
  }
}
