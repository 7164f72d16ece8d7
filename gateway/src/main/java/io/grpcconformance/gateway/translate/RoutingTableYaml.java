package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpcconformance.gateway.routing.DirectResponse;
import io.grpcconformance.gateway.routing.HeaderMatch;
import io.grpcconformance.gateway.routing.HeaderModifier;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link RoutingTable} as readable YAML for golden files, logs and debugging.
 * Certificates are shown by hostname, subject and source only, never key material.
 */
public final class RoutingTableYaml {
  private RoutingTableYaml() {}

  /** The table as YAML text. */
  public static String render(RoutingTable table) {
    return Serialization.asYaml(toMap(table));
  }

  /** The table as nested maps and lists (insertion-ordered), ready for any YAML or JSON writer. */
  public static Map<String, Object> toMap(RoutingTable table) {
    Map<String, Object> ports = new LinkedHashMap<>();
    table.ports().forEach((port, routes) -> ports.put(String.valueOf(port), port(routes)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generation", table.generation());
    out.put("ports", ports);
    return out;
  }

  private static Map<String, Object> port(PortRoutes p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("protocol", p.protocol().name());
    if (!p.certificates().isEmpty()) {
      out.put("certificates",
          p.certificates().stream().map(RoutingTableYaml::certificate).toList());
    }
    p.fallbackCertificate().ifPresent(c -> out.put("fallbackCertificate", certificate(c)));
    List<Object> hosts = new ArrayList<>();
    for (VirtualHost vh : p.virtualHosts()) {
      Map<String, Object> host = new LinkedHashMap<>();
      host.put("hostname", vh.hostname());
      host.put("routes", vh.routes().stream().map(RoutingTableYaml::route).toList());
      hosts.add(host);
    }
    out.put("virtualHosts", hosts);
    return out;
  }

  private static Map<String, Object> certificate(ServerCertificate c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hostname", c.hostname().isEmpty() ? "(any)" : c.hostname());
    out.put("subject", c.chain().get(0).getSubjectX500Principal().getName());
    out.put("chainLength", c.chain().size());
    out.put("source", c.source());
    return out;
  }

  private static Map<String, Object> route(Route r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("origin", r.origin().toString());
    out.put("path", r.match().path().kind() + (r.match().path().value().isEmpty() ? ""
        : " " + r.match().path().value()));
    if (!r.match().headers().isEmpty()) {
      List<String> headers = new ArrayList<>();
      for (HeaderMatch h : r.match().headers()) {
        headers.add(h.name() + " " + h.kind() + " " + h.value());
      }
      out.put("headers", headers);
    }
    RouteAction a = r.action();
    if (a.direct().isPresent()) {
      DirectResponse d = a.direct().get();
      Map<String, Object> direct = new LinkedHashMap<>();
      direct.put("grpcCode", d.grpcCode());
      direct.put("message", d.message());
      if (d.httpStatus() != 200) {
        direct.put("httpStatus", d.httpStatus());
      }
      if (!d.location().isEmpty()) {
        direct.put("location", d.location());
      }
      out.put("direct", direct);
      return out;
    }
    out.put("backends", a.backends().stream().map(RoutingTableYaml::backend).toList());
    if (!a.requestHeaders().isEmpty()) {
      out.put("requestHeaders", modifier(a.requestHeaders()));
    }
    if (!a.responseHeaders().isEmpty()) {
      out.put("responseHeaders", modifier(a.responseHeaders()));
    }
    return out;
  }

  private static Map<String, Object> backend(WeightedBackend b) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", b.name());
    out.put("weight", b.weight());
    out.put("protocol", b.protocol().name());
    if (b.isValid()) {
      out.put("endpoints", b.endpoints().stream().map(Object::toString).toList());
    } else {
      out.put("invalid", b.invalidReason());
    }
    return out;
  }

  private static Map<String, Object> modifier(HeaderModifier m) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!m.set().isEmpty()) {
      out.put("set", m.set());
    }
    if (!m.add().isEmpty()) {
      out.put("add", m.add());
    }
    if (!m.remove().isEmpty()) {
      out.put("remove", m.remove());
    }
    return out;
  }
}
