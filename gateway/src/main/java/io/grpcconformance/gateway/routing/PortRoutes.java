package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Optional;

/**
 * Everything served on one listening port: its protocol, the certificates chosen by SNI (HTTPS only)
 * and the virtual hosts, in the order {@link RouteSelector#selectVirtualHost} expects.
 *
 * @param port the declared port (Gateway listener port or Ingress port)
 * @param protocol HTTP (h2c with prior knowledge) or HTTPS (TLS 1.2+, ALPN h2)
 * @param certificates certificates selectable by SNI; exact hostnames beat wildcards, which beat
 *     a certificate with no hostname (Gateway API listener precedence)
 * @param fallbackCertificate served when no certificate matches the SNI; empty means the handshake
 *     fails (Gateway listeners), present means a default certificate (ingress-nginx's fake certificate)
 * @param virtualHosts the hosts served on this port
 */
public record PortRoutes(
    int port,
    Protocol protocol,
    List<ServerCertificate> certificates,
    Optional<ServerCertificate> fallbackCertificate,
    List<VirtualHost> virtualHosts) {

  /** Wire protocol of a listening port. */
  public enum Protocol {
    /** Cleartext HTTP/2 with prior knowledge (RFC 9113 §3.3). */
    HTTP,
    /** TLS 1.2 or newer with ALPN {@code h2}. */
    HTTPS
  }

  public PortRoutes {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    java.util.Objects.requireNonNull(protocol, "protocol");
    certificates = List.copyOf(certificates);
    java.util.Objects.requireNonNull(fallbackCertificate, "fallbackCertificate");
    virtualHosts = List.copyOf(virtualHosts);
  }

  /** A port with no hosts: every call is answered UNIMPLEMENTED. */
  public static PortRoutes closed(int port) {
    return new PortRoutes(port, Protocol.HTTP, List.of(), Optional.empty(), List.of());
  }
}
