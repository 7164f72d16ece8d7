package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpcconformance.gateway.routing.RoutingTable;
import java.util.List;

/**
 * The translator's output: the routing table to serve, and the status of every GatewayClass,
 * Gateway, GRPCRoute and Ingress the gateway owns.
 *
 * @param table the new routing table
 * @param statuses fresh objects that carry apiVersion, kind, metadata (name, namespace, generation,
 *     resourceVersion, uid) and the computed status only; the status writer patches or writes them
 * @param problems one line per problem found while translating (e.g. a Secret that does not parse),
 *     naming the object and field; never secret material
 */
public record TranslationResult(
    RoutingTable table, List<HasMetadata> statuses, List<String> problems) {
  public TranslationResult {
    statuses = List.copyOf(statuses);
    problems = List.copyOf(problems);
  }
}
