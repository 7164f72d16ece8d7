package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpcconformance.gateway.routing.PortRoutes;
import java.util.List;
import java.util.Map;

/**
 * PLACEHOLDER owned by the Ingress engineer (replace freely, keeping the shape): what the Ingress
 * translation serves and reports.
 *
 * @param ports declared port → routes the Ingress configuration serves there
 * @param statuses fresh Ingress status objects
 * @param problems one line per problem, naming the object and field
 */
public record IngressTranslation(
    Map<Integer, PortRoutes> ports, List<HasMetadata> statuses, List<String> problems) {}
