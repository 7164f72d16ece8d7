package io.grpcconformance.samples.probe;

import java.util.Arrays;

/**
 * How a TCP connect ended. Timeout and refused are what NetworkPolicy blocks look like (a dropped
 * SYN, or a REJECT that answers with a reset or ICMP port-unreachable); the other failures are not
 * policy verdicts and a caller should treat them as "the check failed".
 */
public enum TcpOutcome {
  /** The three-way handshake completed. */
  OK("ok"),
  /** No answer within the timeout (a dropped SYN: Calico's deny). */
  TIMEOUT("timeout"),
  /** The peer or a filter refused (RST or ICMP port-unreachable). */
  REFUSED("refused"),
  /** No route to the host, or the network is unreachable (ICMP host/net unreachable). */
  UNREACHABLE("unreachable"),
  /** The host name did not resolve. */
  DNS("dns"),
  /** Anything else (local errors). */
  ERROR("error");

  private final String wire;

  TcpOutcome(String wire) {
    this.wire = wire;
  }

  /** The value printed after {@code tcp=}. */
  public String wire() {
    return wire;
  }

  /** Whether this outcome is what a NetworkPolicy block produces. */
  public boolean blocked() {
    return this == TIMEOUT || this == REFUSED || this == UNREACHABLE;
  }

  /**
   * The outcome printed as {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown value
   */
  public static TcpOutcome fromWire(String wire) {
    return Arrays.stream(values())
        .filter(o -> o.wire.equals(wire))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "tcp=" + wire + " is not one of " + Arrays.toString(wires())));
  }

  private static String[] wires() {
    return Arrays.stream(values()).map(TcpOutcome::wire).toArray(String[]::new);
  }
}
