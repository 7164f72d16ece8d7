package io.grpcconformance.gateway.translate;

import static io.grpcconformance.gateway.translate.Fixtures.CLASS;
import static io.grpcconformance.gateway.translate.Fixtures.ECHO;
import static io.grpcconformance.gateway.translate.Fixtures.GATEWAY;
import static io.grpcconformance.gateway.translate.Fixtures.condition;
import static io.grpcconformance.gateway.translate.Fixtures.parent;
import static io.grpcconformance.gateway.translate.Fixtures.route;
import static io.grpcconformance.gateway.translate.Fixtures.state;
import static io.grpcconformance.gateway.translate.Fixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.VirtualHost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per GRPCRoute parent status reason, plus what each means for serving. */
class TranslatorRouteStatusTest {
  private static final String BASE = CLASS + GATEWAY + ECHO;

  private static List<Condition> conditions(TranslationResult r, String route) {
    return parent(r, route).getConditions();
  }

  /** Routes served on port 80 for any host. */
  private static List<Route> served(TranslationResult r) {
    if (!r.table().ports().containsKey(80)) {
      return List.of();
    }
    return r.table().ports().get(80).virtualHosts().stream()
        .flatMap(v -> v.routes().stream()).toList();
  }

  @Test
  void route_accepted() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules: [{backendRefs: [{name: echo, port: 9000}]}]
        """));
    RouteParentStatus p = parent(r, "r");
    assertThat(state(p.getConditions(), "Accepted")).isEqualTo("True/Accepted");
    assertThat(state(p.getConditions(), "ResolvedRefs")).isEqualTo("True/ResolvedRefs");
    assertThat(p.getConditions()).noneMatch(c -> c.getType().equals("PartiallyInvalid"));
    assertThat(p.getControllerName()).isEqualTo("grpc-conformance.io/gateway");
    assertThat(p.getConditions()).allMatch(c -> c.getObservedGeneration() == 2L);
    assertThat(served(r)).hasSize(1);
  }

  @Test
  void route_parentRefEchoesDefaultedGroupKindAndNamespace() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw, sectionName: http}]
        rules: []
        """));
    var ref = parent(r, "r").getParentRef();
    assertThat(ref.getGroup()).isEqualTo("gateway.networking.k8s.io");
    assertThat(ref.getKind()).isEqualTo("Gateway");
    assertThat(ref.getNamespace()).isEqualTo("default");
    assertThat(ref.getName()).isEqualTo("gw");
    assertThat(ref.getSectionName()).isEqualTo("http");
  }

  @Test
  void route_notAllowedByListeners_namespace() {
    TranslationResult r = translate(BASE.replace("from: All", "from: Same") + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: r, namespace: elsewhere}
        spec:
          parentRefs: [{name: gw, namespace: default}]
        """);
    var p = Fixtures.status(r, io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute.class,
        "elsewhere", "r").getStatus().getParents().get(0);
    assertThat(state(p.getConditions(), "Accepted")).isEqualTo("False/NotAllowedByListeners");
  }

  @Test
  void route_notAllowedByListeners_kind() {
    TranslationResult r = translate(
        BASE.replace("from: All}", "from: All}, kinds: [{kind: HTTPRoute}]")
        + route("r", "parentRefs: [{name: gw}]\nrules: []"));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/NotAllowedByListeners");
  }

  @Test
  void route_notAllowedByListeners_selector() {
    TranslationResult r = translate(BASE.replace("from: All}",
        "from: Selector, selector: {matchLabels: {team: blue}}}") + """
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: default, labels: {team: red}}
        """ + route("r", "parentRefs: [{name: gw}]\nrules: []"));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/NotAllowedByListeners");
  }

  @Test
  void route_noMatchingListenerHostname() {
    TranslationResult r = translate(
        BASE.replace("protocol: HTTP,", "protocol: HTTP, hostname: \"*.example.com\",")
        + route("r", """
        parentRefs: [{name: gw}]
        hostnames: [example.com]
        rules: [{backendRefs: [{name: echo, port: 9000}]}]
        """));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/NoMatchingListenerHostname");
    assertThat(served(r)).isEmpty();
  }

  @Test
  void route_noMatchingParent_sectionName() {
    TranslationResult r =
        translate(BASE + route("r", "parentRefs: [{name: gw, sectionName: nope}]\nrules: []"));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/NoMatchingParent");
  }

  @Test
  void route_noMatchingParent_port() {
    TranslationResult r =
        translate(BASE + route("r", "parentRefs: [{name: gw, port: 81}]\nrules: []"));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/NoMatchingParent");
  }

  @Test
  void route_parentsThatAreNotOursGetNoEntry() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: missing}, {kind: Service, group: "", name: echo}]
        rules: []
        """));
    assertThat(Fixtures.route(r, "r").getStatus().getParents()).isEmpty();
  }

  @Test
  void route_unsupportedValue_whenEveryRuleIsInvalid() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules:
        - matches: [{method: {type: RegularExpression, service: "svc.(", method: "M"}}]
          backendRefs: [{name: echo, port: 9000}]
        """));
    Condition accepted = condition(conditions(r, "r"), "Accepted");
    assertThat(accepted.getStatus() + "/" + accepted.getReason())
        .isEqualTo("False/UnsupportedValue");
    assertThat(accepted.getMessage())
        .contains("spec.rules[0].matches[0].method.service: invalid regular expression");
    assertThat(served(r)).isEmpty();
  }

  @Test
  void route_unsupportedValue_unknownHeaderMatchType() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules:
        - matches: [{headers: [{type: Contains, name: x, value: y}]}]
        """));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/UnsupportedValue");
  }

  @Test
  void route_partiallyInvalid_dropsTheBadRuleAndServesTheRest() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules:
        - matches: [{method: {service: svc.Good}}]
          backendRefs: [{name: echo, port: 9000}]
        - matches: [{headers: [{type: RegularExpression, name: x, value: "[a-"}]}]
          backendRefs: [{name: echo, port: 9000}]
        """));
    List<Condition> c = conditions(r, "r");
    assertThat(state(c, "Accepted")).isEqualTo("True/Accepted");
    Condition partial = condition(c, "PartiallyInvalid");
    assertThat(partial.getStatus() + "/" + partial.getReason()).isEqualTo("True/UnsupportedValue");
    assertThat(partial.getMessage()).startsWith("Dropped Rule")
        .contains("spec.rules[1].matches[0].headers[0].value: invalid regular expression");
    assertThat(served(r)).extracting(x -> x.origin().ruleIndex()).containsExactly(0);
    assertThat(r.problems()).anyMatch(p -> p.startsWith("GRPCRoute default/r spec.rules[1]"));
  }

  @Test
  void route_incompatibleFilters() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules:
        - filters:
          - {type: ResponseHeaderModifier, responseHeaderModifier: {add: [{name: a, value: "1"}]}}
          - {type: ResponseHeaderModifier, responseHeaderModifier: {add: [{name: b, value: "2"}]}}
          backendRefs: [{name: echo, port: 9000}]
        """));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/IncompatibleFilters");
  }

  @Test
  void route_hostnameConflict_withAnOlderHttpRoute() {
    TranslationResult r = translate(BASE + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: default, creationTimestamp: "2025-01-01T00:00:00Z"}
        spec: {parentRefs: [{name: gw}], hostnames: [api.example.com]}
        """ + route("r", """
        parentRefs: [{name: gw}]
        hostnames: ["*.example.com"]
        rules: [{backendRefs: [{name: echo, port: 9000}]}]
        """).replace("generation: 2}",
            "generation: 2, creationTimestamp: \"2025-02-01T00:00:00Z\"}"));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("False/HostnameConflict");
    assertThat(served(r)).isEmpty();
  }

  @Test
  void route_winsHostnameConflict_againstANewerHttpRoute() {
    TranslationResult r = translate(BASE + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: default, creationTimestamp: "2025-03-01T00:00:00Z"}
        spec: {parentRefs: [{name: gw}], hostnames: [api.example.com]}
        """ + route("r", """
        parentRefs: [{name: gw}]
        hostnames: ["*.example.com"]
        rules: [{backendRefs: [{name: echo, port: 9000}]}]
        """).replace("generation: 2}",
            "generation: 2, creationTimestamp: \"2025-02-01T00:00:00Z\"}"));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("True/Accepted");
    assertThat(Fixtures.listener(r, "gw", "http").getAttachedRoutes()).isEqualTo(1);
  }

  @Test
  void route_resolvedRefs_backendNotFound() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules: [{backendRefs: [{name: nope, port: 9000}]}]
        """));
    assertThat(state(conditions(r, "r"), "Accepted")).isEqualTo("True/Accepted");
    assertThat(state(conditions(r, "r"), "ResolvedRefs")).isEqualTo("False/BackendNotFound");
    assertThat(served(r).get(0).action().backends().get(0).isValid()).isFalse();
  }

  @Test
  void route_resolvedRefs_invalidKind() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules: [{backendRefs: [{kind: Pod, group: "", name: echo, port: 9000}]}]
        """));
    assertThat(state(conditions(r, "r"), "ResolvedRefs")).isEqualTo("False/InvalidKind");
    assertThat(condition(conditions(r, "r"), "ResolvedRefs").getMessage()).contains("Pod");
  }

  @Test
  void route_resolvedRefs_refNotPermitted() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        rules: [{backendRefs: [{name: echo, namespace: other, port: 9000}]}]
        """));
    assertThat(state(conditions(r, "r"), "ResolvedRefs")).isEqualTo("False/RefNotPermitted");
  }

  @Test
  void route_resolvedRefs_permittedByReferenceGrant() {
    TranslationResult r = translate(BASE.replace("namespace: default}\nspec: {ports",
        "namespace: other}\nspec: {ports").replace("name: echo-1, namespace: default",
        "name: echo-1, namespace: other") + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: ReferenceGrant
        metadata: {name: g, namespace: other}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: default}]
          to: [{group: "", kind: Service}]
        """ + route("r", """
        parentRefs: [{name: gw}]
        rules: [{backendRefs: [{name: echo, namespace: other, port: 9000}]}]
        """));
    assertThat(state(conditions(r, "r"), "ResolvedRefs")).isEqualTo("True/ResolvedRefs");
    assertThat(served(r).get(0).action().backends().get(0).endpoints()).hasSize(1);
  }

  @Test
  void route_withoutOurParentsStillGetsAStatusObjectWithNoParents() {
    TranslationResult r =
        translate(BASE + route("r", "parentRefs: [{name: someone-elses}]\nrules: []"));
    assertThat(Fixtures.route(r, "r").getStatus().getParents()).isEmpty();
    assertThat(Fixtures.route(r, "r").getSpec()).isNull();
  }

  @Test
  void vhost_everyServedRouteAppearsUnderItsHost() {
    TranslationResult r = translate(BASE + route("r", """
        parentRefs: [{name: gw}]
        hostnames: [a.example.com, "*.example.com"]
        rules: [{backendRefs: [{name: echo, port: 9000}]}]
        """));
    assertThat(r.table().ports().get(80).virtualHosts()).extracting(VirtualHost::hostname)
        .containsExactly("a.example.com", "*.example.com", "*");
  }
}
