package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpcconformance.gateway.routing.DirectResponse;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link IngressTranslation} as readable YAML for golden files: hosts, routes, path
 * matches, backend protocols, endpoints, and certificate subject + source only (never keys).
 */
final class GoldenRenderer {
  private GoldenRenderer() {}

  static String render(IngressTranslation translation) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> ports = new ArrayList<>();
    translation.ports().values().forEach(p -> ports.add(port(p)));
    root.put("ports", ports);
    List<Object> statuses = new ArrayList<>();
    for (HasMetadata object : translation.statuses()) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("object", object.getKind() + " " + object.getMetadata().getNamespace() + "/"
          + object.getMetadata().getName());
      status.put("apiVersion", object.getApiVersion());
      status.put("status", Serialization.jsonMapper()
          .convertValue(((Ingress) object).getStatus(), Map.class));
      statuses.add(status);
    }
    root.put("statuses", statuses);
    root.put("problems", translation.problems());
    return GoldenYaml.write(root);
  }

  private static Map<String, Object> port(PortRoutes port) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("port", port.port());
    out.put("protocol", port.protocol().name());
    if (port.protocol() == PortRoutes.Protocol.HTTPS) {
      out.put("certificates", port.certificates().stream().map(GoldenRenderer::certificate)
          .toList());
      out.put("fallbackCertificate", port.fallbackCertificate().map(GoldenRenderer::certificate)
          .orElse(null));
    }
    List<Object> hosts = new ArrayList<>();
    for (VirtualHost host : port.virtualHosts()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("hostname", host.hostname());
      h.put("routes", host.routes().stream().map(GoldenRenderer::route).toList());
      hosts.add(h);
    }
    out.put("virtualHosts", hosts);
    return out;
  }

  private static Map<String, Object> certificate(ServerCertificate certificate) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hostname", certificate.hostname());
    out.put("subject", certificate.chain().get(0).getSubjectX500Principal().getName());
    out.put("source", certificate.source());
    return out;
  }

  private static Map<String, Object> route(Route route) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("match", match(route.match().path()));
    if (route.action().direct().isPresent()) {
      DirectResponse direct = route.action().direct().get();
      out.put("direct", "HTTP " + direct.httpStatus() + " grpc-status " + direct.grpcCode()
          + (direct.location().isEmpty() ? "" : " location " + direct.location()));
      out.put("message", direct.message());
    } else {
      List<String> backends = route.action().backends().stream().map(GoldenRenderer::backend)
          .toList();
      out.put("backends", backends);
    }
    out.put("origin", route.origin().toString());
    return out;
  }

  private static String match(PathMatch path) {
    return switch (path.kind()) {
      case ANY -> "Any";
      case EXACT -> "Exact " + path.value();
      case PREFIX -> "Prefix " + path.value();
      case REGEX -> "Regex " + path.value();
    };
  }

  /** {@code name [weight N] PROTOCOL -> endpoints} or {@code name PROTOCOL invalid: reason}. */
  private static String backend(WeightedBackend backend) {
    String head = backend.name() + (backend.weight() == 1 ? "" : " weight " + backend.weight())
        + " " + backend.protocol().name();
    return backend.isValid()
        ? head + " -> " + backend.endpoints().stream().map(Endpoint::toString).toList()
        : head + " invalid: " + backend.invalidReason();
  }
}
