package io.grpcconformance.netpol;

import java.util.Optional;

/**
 * The L4 protocols a NetworkPolicy port may name (networking/v1 {@code
 * NetworkPolicyPort.protocol}).
 */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /**
   * The protocol an API value names. Kubernetes compares the exact upper-case strings, so {@code
   * tcp} is not a protocol (API validation: supported values "SCTP", "TCP", "UDP").
   */
  public static Optional<Protocol> fromApiValue(String value) {
    for (Protocol protocol : values()) {
      if (protocol.name().equals(value)) {
        return Optional.of(protocol);
      }
    }
    return Optional.empty();
  }
}
