package io.grpcconformance.gateway.translate.ingress;

import io.grpcconformance.gateway.routing.ServerCertificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingress-nginx {@code server} block of one host while it is being assembled from all
 * Ingresses: a root location, the path locations and the TLS certificate. Mutable, confined to one
 * translation.
 */
final class IngressServer {
  final String hostname;
  Location root;
  final List<Location> paths = new ArrayList<>();
  /** Null when no Ingress with a {@code spec.tls} section names this host in a rule. */
  ServerCertificate certificate;

  IngressServer(String hostname, Location root) {
    this.hostname = hostname;
    this.root = root;
  }
}
