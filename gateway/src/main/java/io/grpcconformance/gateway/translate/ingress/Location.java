package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.WeightedBackend;

/**
 * One nginx {@code location} of a server, before lowering to routes: an Ingress path, or the
 * server's root ({@code /}) location that serves a default backend.
 *
 * @param path the path as written in the Ingress ({@code /} for the root)
 * @param type the Ingress pathType
 * @param backend the backend, or null for the controller's default backend (an HTML 404, which a
 *     gRPC client sees as UNIMPLEMENTED; the data plane answers a call matching no route the same)
 * @param annotations the annotations of the Ingress this location came from
 * @param ingress that Ingress, or null for the catch-all server's initial root
 * @param origin where it came from (ruleIndex -1 for a default backend); null iff ingress is null
 * @param replaceable whether a later Ingress path {@code /} may take its place (ingress-nginx
 *     {@code IsDefBackend})
 */
record Location(
    String path,
    PathType type,
    WeightedBackend backend,
    IngressAnnotations annotations,
    Ingress ingress,
    RouteOrigin origin,
    boolean replaceable) {

  /** networking.k8s.io/v1 HTTPIngressPath pathType. */
  enum PathType {
    EXACT("Exact"),
    PREFIX("Prefix"),
    IMPLEMENTATION_SPECIFIC("ImplementationSpecific");

    private final String apiName;

    PathType(String apiName) {
      this.apiName = apiName;
    }

    String apiName() {
      return apiName;
    }

    /** The pathType of {@code apiName}, or null when unknown. A missing type is ImplementationSpecific. */
    static PathType of(String apiName) {
      if (apiName == null || apiName.isEmpty()) {
        return IMPLEMENTATION_SPECIFIC;
      }
      for (PathType type : values()) {
        if (type.apiName.equals(apiName)) {
          return type;
        }
      }
      return null;
    }
  }

  /** The root location of the catch-all server before any Ingress configures it. */
  static Location controllerDefault() {
    return new Location("/", PathType.PREFIX, null, IngressAnnotations.DEFAULTS, null, null, true);
  }

  /** Who defined this location, for problem lines. */
  String describe() {
    return origin == null ? "the controller's default backend"
        : "Ingress " + origin.namespace() + "/" + origin.name();
  }
}
