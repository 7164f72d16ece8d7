package io.grpcconformance.netpol;

import java.util.Objects;

/**
 * A container port of a pod: what a named port in a policy resolves to.
 *
 * @param name the port name ({@code null} when the container port is unnamed)
 * @param port the container port number, 1-65535
 * @param protocol the port's protocol (Kubernetes defaults a container port to TCP)
 */
public record PodPort(String name, int port, Protocol protocol) {
  public PodPort {
    Objects.requireNonNull(protocol, "protocol");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("container port out of range: " + port);
    }
  }

  /** A TCP port named as the upstream e2e model names it: {@code serve-<port>-tcp}. */
  public static PodPort serveTcp(int port) {
    return new PodPort("serve-" + port + "-tcp", port, Protocol.TCP);
  }
}
