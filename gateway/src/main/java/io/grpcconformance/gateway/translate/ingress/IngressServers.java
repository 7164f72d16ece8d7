package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.translate.ingress.Location.PathType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one {@link IngressServer} per host from the served Ingresses, in the three passes of
 * ingress-nginx's {@code createServers} and {@code getBackendServers} (ingress-netpol.md sources,
 * {@code internal/ingress/controller/controller.go}). Ingresses arrive oldest first; whenever two
 * of them configure the same thing, the first one wins, as in ingress-nginx.
 */
final class IngressServers {
  /** RouteOrigin.ruleIndex of a location that serves {@code spec.defaultBackend}. */
  static final int DEFAULT_BACKEND_INDEX = -1;

  private final BackendResolver backends;
  private final IngressCertificates certificates;
  private final Map<Ingress, IngressAnnotations> annotations;
  private final List<String> problems;

  IngressServers(BackendResolver backends, IngressCertificates certificates,
      Map<Ingress, IngressAnnotations> annotations, List<String> problems) {
    this.backends = backends;
    this.certificates = certificates;
    this.annotations = annotations;
    this.problems = problems;
  }

  /** Host → server, the catch-all {@code *} first, then hosts in the order they were created. */
  Map<String, IngressServer> build(List<Ingress> oldestFirst) {
    Map<String, IngressServer> servers = new LinkedHashMap<>();
    servers.put("*", new IngressServer("*", Location.controllerDefault()));
    oldestFirst.forEach(ingress -> createServers(ingress, servers));
    oldestFirst.forEach(ingress -> assignCertificates(ingress, servers));
    oldestFirst.forEach(ingress -> addPaths(ingress, servers));
    return servers;
  }

  /**
   * Pass 1. The first Ingress with a rule for a host creates its server; the root location serves
   * that Ingress's {@code spec.defaultBackend} (or the controller's 404). An Ingress with a default
   * backend and no rules configures the catch-all server, the first such one only.
   */
  private void createServers(Ingress ingress, Map<String, IngressServer> servers) {
    IngressAnnotations anns = annotations.get(ingress);
    WeightedBackend defaultBackend = defaultBackend(ingress, anns);
    List<IngressRule> rules = rules(ingress);
    IngressServer catchAll = servers.get("*");
    if (defaultBackend != null && rules.isEmpty()) {
      if (catchAll.root.replaceable()) {
        catchAll.root = new Location("/", PathType.PREFIX, defaultBackend, anns, ingress,
            origin(ingress, DEFAULT_BACKEND_INDEX), false);
      } else {
        problems.add(IngressNames.problem(ingress, "spec.defaultBackend", "the catch-all host is"
            + " already served by " + catchAll.root.describe() + "; ignored"));
      }
    }
    for (IngressRule rule : rules) {
      String host = IngressNames.host(rule.getHost());
      IngressServer existing = servers.get(host);
      if (existing == null) {
        servers.put(host, new IngressServer(host, new Location("/", PathType.PREFIX,
            defaultBackend, anns, ingress, origin(ingress, DEFAULT_BACKEND_INDEX), true)));
      } else if (defaultBackend != null && existing.root.ingress() != ingress) {
        problems.add(IngressNames.problem(ingress, "spec.defaultBackend", "not used for host "
            + host + ", whose root location was set up by " + existing.root.describe()
            + " (ingress-nginx: the oldest Ingress of a host decides)"));
      }
    }
  }

  /**
   * Pass 2. For each rule host, the first Ingress that has a {@code spec.tls} section decides the
   * certificate, even when the host is not listed there (ingress-nginx then uses a covering
   * Secret or the default certificate). The catch-all host is left to the fallback certificate.
   */
  private void assignCertificates(Ingress ingress, Map<String, IngressServer> servers) {
    if (ingress.getSpec() == null || ingress.getSpec().getTls() == null
        || ingress.getSpec().getTls().isEmpty()) {
      return;
    }
    for (IngressRule rule : rules(ingress)) {
      IngressServer server = servers.get(IngressNames.host(rule.getHost()));
      if (!server.hostname.equals("*") && server.certificate == null) {
        server.certificate = certificates.select(ingress, server.hostname, problems);
      }
    }
  }

  /**
   * Pass 3. Every path becomes a location. The same path with the same pathType on the same host is
   * served by the first Ingress only; a {@code /} path (Prefix or ImplementationSpecific) takes the
   * place of the root location unless another Ingress already did.
   */
  private void addPaths(Ingress ingress, Map<String, IngressServer> servers) {
    IngressAnnotations anns = annotations.get(ingress);
    String namespace = IngressNames.namespace(ingress);
    int flatIndex = 0;
    List<IngressRule> rules = rules(ingress);
    for (int r = 0; r < rules.size(); r++) {
      IngressRule rule = rules.get(r);
      IngressServer server = servers.get(IngressNames.host(rule.getHost()));
      if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
        continue;
      }
      List<HTTPIngressPath> paths = rule.getHttp().getPaths();
      for (int p = 0; p < paths.size(); p++, flatIndex++) {
        HTTPIngressPath path = paths.get(p);
        String field = "spec.rules[" + r + "].http.paths[" + p + "]";
        if (path.getBackend() == null || path.getBackend().getService() == null) {
          problems.add(IngressNames.problem(ingress, field + ".backend", "only service backends"
              + " are supported; ingress-nginx serves this path with the default backend"));
          continue;
        }
        PathType type = PathType.of(path.getPathType());
        if (type == null) {
          problems.add(IngressNames.problem(ingress, field + ".pathType", "unknown pathType \""
              + path.getPathType() + "\"; treated as ImplementationSpecific"));
          type = PathType.IMPLEMENTATION_SPECIFIC;
        }
        String value = path.getPath() == null || path.getPath().isEmpty() ? "/" : path.getPath();
        WeightedBackend backend =
            backends.resolve(namespace, path.getBackend().getService(), anns.protocol());
        Location location = new Location(value, type, backend, anns, ingress,
            origin(ingress, flatIndex), false);
        add(server, location, field);
      }
    }
  }

  private void add(IngressServer server, Location location, String field) {
    if (location.path().equals("/") && location.type() != PathType.EXACT) {
      if (server.root.replaceable()) {
        server.root = location;
      } else {
        shadowed(location, field, server, server.root);
      }
      return;
    }
    for (Location existing : server.paths) {
      if (existing.path().equals(location.path()) && existing.type() == location.type()) {
        shadowed(location, field, server, existing);
        return;
      }
    }
    server.paths.add(location);
  }

  private void shadowed(Location location, String field, IngressServer server, Location winner) {
    problems.add(IngressNames.problem(location.ingress(), field, "host " + server.hostname
        + " path " + location.path() + " (" + location.type().apiName() + ") is already served by "
        + winner.describe() + "; ignored (ingress-nginx keeps the oldest Ingress)"));
  }

  private WeightedBackend defaultBackend(Ingress ingress, IngressAnnotations anns) {
    IngressBackend backend = ingress.getSpec() == null ? null : ingress.getSpec().getDefaultBackend();
    if (backend == null) {
      return null;
    }
    if (backend.getService() == null) {
      problems.add(IngressNames.problem(ingress, "spec.defaultBackend", "only service backends"
          + " are supported; ignored"));
      return null;
    }
    return backends.resolve(IngressNames.namespace(ingress), backend.getService(),
        anns.protocol());
  }

  private static List<IngressRule> rules(Ingress ingress) {
    return ingress.getSpec() == null || ingress.getSpec().getRules() == null
        ? List.of() : ingress.getSpec().getRules();
  }

  private static RouteOrigin origin(Ingress ingress, int index) {
    return new RouteOrigin("Ingress", IngressNames.namespace(ingress),
        ingress.getMetadata().getName(), index);
  }
}
