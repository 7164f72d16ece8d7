package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.grpcconformance.gateway.translate.ingress.IngressTranslation;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Test helpers: YAML snippets, translation with a fixed clock, and status lookups. */
final class Fixtures {
  static final Clock CLOCK = Clock.fixed(TestCertificates.TEST_NOW, ZoneOffset.UTC);

  /** Our GatewayClass {@code grpc}. */
  static final String CLASS = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GatewayClass
      metadata: {name: grpc, generation: 1}
      spec: {controllerName: grpc-conformance.io/gateway}
      """;

  /** Gateway default/gw with one HTTP listener "http" on port 80 admitting every namespace. */
  static final String GATEWAY = """
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata: {name: gw, namespace: default, generation: 3}
      spec:
        gatewayClassName: grpc
        listeners:
        - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
      """;

  /** Service default/echo port 9000 with one ready endpoint 127.0.0.1:19000. */
  static final String ECHO = """
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: echo, namespace: default}
      spec: {ports: [{name: grpc, port: 9000}]}
      ---
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata: {name: echo-1, namespace: default, labels: {kubernetes.io/service-name: echo}}
      addressType: IPv4
      ports: [{name: grpc, port: 19000}]
      endpoints: [{addresses: [127.0.0.1]}]
      """;

  private Fixtures() {}

  static TranslationResult translate(String yaml) {
    return new Translator(TranslatorConfig.defaults(), CLOCK).translate(Snapshots.fromYaml(yaml));
  }

  /** Translates with a stand-in Ingress translation serving {@code ingress}. */
  static TranslationResult translate(String yaml, IngressTranslation ingress) {
    return new Translator(TranslatorConfig.defaults(), CLOCK, (s, c) -> ingress)
        .translate(Snapshots.fromYaml(yaml));
  }

  static IngressTranslation ingress(Map<Integer, io.grpcconformance.gateway.routing.PortRoutes> p) {
    return new IngressTranslation(p, List.of(), List.of());
  }

  static <T extends HasMetadata> T status(TranslationResult r, Class<T> type, String ns,
      String name) {
    for (HasMetadata o : r.statuses()) {
      if (type.isInstance(o) && name.equals(o.getMetadata().getName())
          && (ns == null || ns.equals(o.getMetadata().getNamespace()))) {
        return type.cast(o);
      }
    }
    throw new NoSuchElementException(type.getSimpleName() + " " + ns + "/" + name);
  }

  static GatewayClass gatewayClass(TranslationResult r, String name) {
    return status(r, GatewayClass.class, null, name);
  }

  static Gateway gateway(TranslationResult r, String name) {
    return status(r, Gateway.class, "default", name);
  }

  static ListenerStatus listener(TranslationResult r, String gateway, String listener) {
    return gateway(r, gateway).getStatus().getListeners().stream()
        .filter(l -> l.getName().equals(listener)).findFirst().orElseThrow();
  }

  static GRPCRoute route(TranslationResult r, String name) {
    return status(r, GRPCRoute.class, "default", name);
  }

  /** The only parent entry of a route. */
  static RouteParentStatus parent(TranslationResult r, String route) {
    List<RouteParentStatus> parents = route(r, route).getStatus().getParents();
    if (parents.size() != 1) {
      throw new IllegalStateException(parents.size() + " parents on " + route);
    }
    return parents.get(0);
  }

  static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> c.getType().equals(type)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no condition " + type + " in "
            + conditions));
  }

  /** "Status/Reason" of a condition, for compact assertions. */
  static String state(List<Condition> conditions, String type) {
    Condition c = condition(conditions, type);
    return c.getStatus() + "/" + c.getReason();
  }

  /** A GRPCRoute in default attached to gw, with the given spec body (YAML under spec:). */
  static String route(String name, String specBody) {
    return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\n"
        + "metadata: {name: " + name + ", namespace: default, generation: 2}\nspec:\n"
        + specBody.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }
}
