package io.grpcconformance.harness.env;

import java.util.Objects;

/**
 * A host and port a client dials.
 *
 * @param host DNS name or IP literal (IPv6 without brackets)
 * @param port TCP port
 */
public record Address(String host, int port) {
  public Address {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Loopback on {@code port}. */
  public static Address loopback(int port) {
    return new Address("127.0.0.1", port);
  }

  /** {@code host:port}, bracketing IPv6 literals. */
  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
