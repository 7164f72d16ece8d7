package io.grpcconformance.gateway.translate.ingress;

import io.grpcconformance.gateway.routing.DirectResponse;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.translate.ingress.Location.PathType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lowers assembled servers to the routing IR: one HTTP (cleartext h2c, which ingress-nginx serves
 * on port 80 from v1.10 on, ingress-netpol.md A.1 "HTTP/2, h2c") and one HTTPS port, each with a
 * virtual host per Ingress host, including hosts without TLS (nginx serves every server on both
 * ports; on 443 they get the fallback certificate).
 *
 * <p>Wildcard hosts are passed through as {@code *.foo.com} virtual hosts. The Ingress API says
 * such a host covers one label, but ingress-nginx writes {@code server_name *.foo.com}, which nginx
 * matches at any depth [inference from the nginx server_name docs; ingress-netpol.md is silent];
 * the data plane's Gateway API wildcard rule (one or more labels) gives the same result.
 */
final class IngressRoutes {
  /** gRPC code UNKNOWN: what grpc-java reports for nginx's HTML 308 (ingress-netpol.md A.1). */
  static final int GRPC_UNKNOWN = 2;
  /** ingress-nginx {@code http-redirect-code} default (configmap.md's "301" text is stale). */
  static final int REDIRECT_STATUS = 308;

  private final List<String> problems;

  IngressRoutes(List<String> problems) {
    this.problems = problems;
  }

  /** A location lowered to one path condition. */
  private record Lowered(PathMatch match, Location location) {}

  /**
   * The cleartext port: routes, or the ssl-redirect answer where it applies. The redirect target
   * is {@code https://<host><path condition>}: nginx answers {@code https://$host$request_uri};
   * the data plane may build the precise Location from {@code :authority} and {@code :path}.
   */
  PortRoutes httpPort(int port, Collection<IngressServer> servers) {
    List<VirtualHost> hosts = new ArrayList<>();
    for (IngressServer server : ordered(servers)) {
      List<Route> routes = new ArrayList<>();
      for (Lowered lowered : lower(server, false)) {
        Location location = lowered.location();
        if (redirects(server, location)) {
          String target = "https://" + server.hostname + lowered.match().value();
          routes.add(new Route(new RouteMatch(lowered.match(), List.of()),
              RouteAction.answer(new DirectResponse(GRPC_UNKNOWN,
                  "HTTP " + REDIRECT_STATUS + " redirect to " + target, REDIRECT_STATUS, target)),
              location.origin()));
        } else if (location.backend() != null) {
          routes.add(forward(lowered));
        }
      }
      addHost(hosts, server, routes);
    }
    return new PortRoutes(port, PortRoutes.Protocol.HTTP, List.of(), Optional.empty(), hosts);
  }

  /** The TLS port: certificates by host, the fallback certificate, and the routes. */
  PortRoutes httpsPort(int port, Collection<IngressServer> servers, ServerCertificate fallback) {
    List<VirtualHost> hosts = new ArrayList<>();
    List<ServerCertificate> certificates = new ArrayList<>();
    for (IngressServer server : ordered(servers)) {
      if (server.certificate != null) {
        certificates.add(server.certificate);
      }
      List<Route> routes = new ArrayList<>();
      for (Lowered lowered : lower(server, true)) {
        if (lowered.location().backend() != null) {
          routes.add(forward(lowered));
        }
      }
      addHost(hosts, server, routes);
    }
    return new PortRoutes(port, PortRoutes.Protocol.HTTPS, certificates, Optional.of(fallback),
        hosts);
  }

  /**
   * ingress-netpol.md A.1 "ssl-redirect / force-ssl-redirect" (lua_ingress.lua
   * redirect_to_https), for a cleartext call: force-ssl-redirect redirects even without TLS;
   * otherwise ssl-redirect (default true) redirects when a certificate is configured for the host,
   * which includes the default certificate of a host in {@code tls:} without a usable Secret.
   * The catch-all host has no certificate of its own, so only force-ssl-redirect applies there.
   */
  private static boolean redirects(IngressServer server, Location location) {
    if (location.ingress() == null) {
      return false;
    }
    IngressAnnotations anns = location.annotations();
    return anns.forceSslRedirect() || (anns.sslRedirect() && server.certificate != null);
  }

  private static Route forward(Lowered lowered) {
    return new Route(new RouteMatch(lowered.match(), List.of()),
        RouteAction.forward(List.of(lowered.location().backend())), lowered.location().origin());
  }

  /**
   * nginx location semantics as ingress-nginx generates them (template.go buildLocation,
   * controller/location.go updateServerLocations): Exact → {@code location = /p}; Prefix /p →
   * {@code location /p/} plus {@code location = /p} unless an Exact /p exists, which makes Prefix
   * element-wise ({@code /foo} matches {@code /foo} and {@code /foo/...}, not {@code /foobar});
   * ImplementationSpecific → {@code location /p}, nginx's plain string prefix. nginx tries exact
   * locations first, then the longest prefix, so exact routes come first, then prefixes by
   * decreasing length; equal conditions keep the oldest Ingress (the list is in that order).
   */
  private List<Lowered> lower(IngressServer server, boolean report) {
    Set<String> exactPaths = new HashSet<>();
    for (Location location : server.paths) {
      if (location.type() == PathType.EXACT) {
        exactPaths.add(location.path());
      }
    }
    List<Lowered> all = new ArrayList<>();
    for (Location location : server.paths) {
      String path = location.path();
      switch (location.type()) {
        case EXACT -> all.add(new Lowered(PathMatch.exact(path), location));
        case PREFIX -> {
          all.add(new Lowered(PathMatch.prefix(path.endsWith("/") ? path : path + "/"), location));
          if (!exactPaths.contains(path)) {
            all.add(new Lowered(PathMatch.exact(path), location));
          }
        }
        case IMPLEMENTATION_SPECIFIC -> all.add(new Lowered(PathMatch.prefix(path), location));
        default -> throw new IllegalStateException("unknown path type " + location.type());
      }
    }
    all.add(new Lowered(PathMatch.prefix("/"), server.root));
    all.sort(Comparator
        .comparing((Lowered l) -> l.match().kind() != PathMatch.Kind.EXACT)
        .thenComparing(l -> -l.match().value().length()));
    List<Lowered> unique = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Lowered lowered : all) {
      if (seen.add(lowered.match().kind() + " " + lowered.match().value())) {
        unique.add(lowered);
      } else if (report) {
        Location location = lowered.location();
        problems.add(IngressNames.problem(location.ingress(), "spec.rules", "host "
            + server.hostname + " path " + location.path() + " (" + location.type().apiName()
            + ") gives the same nginx location as another path (" + lowered.match().kind() + " "
            + lowered.match().value() + "); only the first is served"));
      }
    }
    return unique;
  }

  private static void addHost(List<VirtualHost> hosts, IngressServer server, List<Route> routes) {
    // A known host keeps its (possibly empty) virtual host: an unmatched path there is nginx's
    // 404 for that server, never the catch-all server's default backend.
    if (!server.hostname.equals("*") || !routes.isEmpty()) {
      hosts.add(new VirtualHost(server.hostname, routes));
    }
  }

  /**
   * Exact hosts by name, then wildcards with the longest (most specific) suffix first, then the
   * catch-all {@code *}.
   */
  private static List<IngressServer> ordered(Collection<IngressServer> servers) {
    List<IngressServer> out = new ArrayList<>(servers);
    out.sort(Comparator
        .comparingInt((IngressServer s) -> s.hostname.equals("*") ? 2
            : s.hostname.startsWith("*.") ? 1 : 0)
        .thenComparingInt(s -> s.hostname.startsWith("*.") ? -s.hostname.length() : 0)
        .thenComparing(s -> s.hostname));
    return out;
  }
}
