package io.grpcconformance.samples.probe;

import java.util.Objects;

/**
 * Where a probe connects: a host (IP literal or DNS name) and a TCP port.
 *
 * @param host IPv4/IPv6 literal or DNS name; IPv6 without brackets
 * @param port 1-65535
 */
public record ProbeTarget(String host, int port) {

  public ProbeTarget {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  /**
   * Parses {@code HOST:PORT} or {@code [IPV6]:PORT}.
   *
   * @throws IllegalArgumentException naming the text when it is not of that form
   */
  public static ProbeTarget parse(String text) {
    Objects.requireNonNull(text, "text");
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf("]:");
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "' is not [IPV6]:PORT");
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0 || text.indexOf(':') != colon) {
        throw new IllegalArgumentException(
            "'" + text + "' is not HOST:PORT (write IPv6 addresses as [ADDR]:PORT)");
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    if (host.isBlank()) {
      throw new IllegalArgumentException("'" + text + "' has no host");
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no numeric port");
    }
    try {
      return new ProbeTarget(host, number);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
  }

  /** {@code host:port}, bracketing IPv6 literals. */
  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
