package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpcconformance.gateway.routing.PortRoutes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Ingress translation contributes to a translation result.
 *
 * @param ports the Ingress HTTP and HTTPS ports (empty when no Ingress is served, so nothing binds
 *     80/443 in a Gateway-only setup); the main translator merges them into the routing table
 * @param statuses one fresh Ingress per served Ingress carrying apiVersion, kind, metadata and
 *     status only
 * @param problems one line per problem, naming the Ingress and field; never secret material
 */
public record IngressTranslation(
    Map<Integer, PortRoutes> ports, List<HasMetadata> statuses, List<String> problems) {

  public IngressTranslation {
    ports = java.util.Collections.unmodifiableMap(new TreeMap<>(ports));
    statuses = List.copyOf(statuses);
    problems = List.copyOf(problems);
  }
}
