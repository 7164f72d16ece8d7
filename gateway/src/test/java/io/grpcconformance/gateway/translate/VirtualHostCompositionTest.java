package io.grpcconformance.gateway.translate;

import static io.grpcconformance.gateway.translate.Fixtures.CLASS;
import static io.grpcconformance.gateway.translate.Fixtures.ECHO;
import static io.grpcconformance.gateway.translate.Fixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.VirtualHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Virtual host composition, checked by selecting routes the way the data plane does: the first
 * virtual host (most specific first) whose hostname covers the authority, then the first route in
 * it whose match holds.
 */
class VirtualHostCompositionTest {

  /** "namespace/name rule N" of the route that serves the call, or "UNIMPLEMENTED". */
  static String serve(TranslationResult r, int port, String authority, String path,
      Map<String, String> headers) {
    PortRoutes routes = r.table().port(port);
    for (VirtualHost vh : routes.virtualHosts()) {
      if (!Hostnames.covers(vh.hostname(), authority)) {
        continue;
      }
      for (Route route : vh.routes()) {
        boolean ok = route.match().path().matches(path) && route.match().headers().stream()
            .allMatch(h -> h.matches(headers.get(h.name())));
        if (ok) {
          return route.origin().namespace() + "/" + route.origin().name() + " rule "
              + route.origin().ruleIndex();
        }
      }
      return "UNIMPLEMENTED"; // the chosen virtual host has no matching route: no fallback
    }
    return "UNIMPLEMENTED";
  }

  static String serve(TranslationResult r, int port, String authority, String path) {
    return serve(r, port, authority, path, Map.of());
  }

  private static String gateway(String listeners) {
    return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
        + "metadata: {name: gw, namespace: default}\nspec:\n  gatewayClassName: grpc\n"
        + "  listeners:\n" + listeners.stripIndent().lines().map(l -> "  " + l)
        .reduce("", (a, b) -> a + b + "\n");
  }

  private static String route(String name, String created, String spec) {
    return Fixtures.route(name, spec).replace("generation: 2}",
        "generation: 2, creationTimestamp: \"" + created + "\"}");
  }

  @Test
  void composition_specificHostFallsThroughToWildcardAndAnyHostRoutes() {
    TranslationResult r = translate(CLASS + gateway("- {name: http, port: 80, protocol: HTTP}")
        + ECHO
        + route("login", "2025-01-03T00:00:00Z", """
            parentRefs: [{name: gw}]
            hostnames: [foo.example.com]
            rules:
            - matches: [{method: {service: com.example.User, method: Login}}]
              backendRefs: [{name: echo, port: 9000}]
            """)
        + route("users", "2025-01-02T00:00:00Z", """
            parentRefs: [{name: gw}]
            hostnames: ["*.example.com"]
            rules:
            - matches: [{method: {service: com.example.User}}]
              backendRefs: [{name: echo, port: 9000}]
            """)
        + route("reflection", "2025-01-01T00:00:00Z", """
            parentRefs: [{name: gw}]
            rules:
            - matches: [{method: {service: grpc.reflection.v1.ServerReflection}}]
              backendRefs: [{name: echo, port: 9000}]
            """));
    assertThat(serve(r, 80, "foo.example.com", "/com.example.User/Login"))
        .isEqualTo("default/login rule 0");
    assertThat(serve(r, 80, "foo.example.com", "/com.example.User/Logout"))
        .isEqualTo("default/users rule 0");
    assertThat(serve(r, 80, "foo.example.com", "/grpc.reflection.v1.ServerReflection/Info"))
        .isEqualTo("default/reflection rule 0");
    assertThat(serve(r, 80, "bar.example.com", "/com.example.User/Login"))
        .isEqualTo("default/users rule 0");
    assertThat(serve(r, 80, "example.com", "/com.example.User/Login"))
        .isEqualTo("UNIMPLEMENTED"); // *.example.com does not cover the bare domain
    assertThat(serve(r, 80, "other.org", "/grpc.reflection.v1.ServerReflection/Info"))
        .isEqualTo("default/reflection rule 0");
  }

  @Test
  void isolation_exactListenerHostIsNotServedByWildcardListenerRoutes() {
    TranslationResult r = translate(CLASS + gateway("""
        - {name: foo, port: 80, protocol: HTTP, hostname: foo.bar.com}
        - {name: wild, port: 80, protocol: HTTP, hostname: "*.bar.com"}
        """) + ECHO
        + route("wild-route", "2025-01-01T00:00:00Z", """
            parentRefs: [{name: gw, sectionName: wild}]
            rules: [{backendRefs: [{name: echo, port: 9000}]}]
            """));
    // foo.bar.com belongs to the foo listener, which has no route: UNIMPLEMENTED, no fallback.
    assertThat(serve(r, 80, "foo.bar.com", "/svc.S/M")).isEqualTo("UNIMPLEMENTED");
    assertThat(serve(r, 80, "baz.bar.com", "/svc.S/M")).isEqualTo("default/wild-route rule 0");
    assertThat(serve(r, 80, "a.b.bar.com", "/svc.S/M")).isEqualTo("default/wild-route rule 0");
  }

  @Test
  void isolation_routeHostnameInsideAMoreSpecificListenerIsNotServedThroughTheCatchAll() {
    TranslationResult r = translate(CLASS + gateway("""
        - {name: any, port: 80, protocol: HTTP}
        - {name: wild, port: 80, protocol: HTTP, hostname: "*.bar.com"}
        """) + ECHO
        + route("on-any", "2025-01-01T00:00:00Z", """
            parentRefs: [{name: gw, sectionName: any}]
            hostnames: [foo.bar.com, foo.org]
            rules: [{backendRefs: [{name: echo, port: 9000}]}]
            """)
        + route("on-wild", "2025-01-01T00:00:00Z", """
            parentRefs: [{name: gw, sectionName: wild}]
            rules:
            - matches: [{method: {service: svc.Only}}]
              backendRefs: [{name: echo, port: 9000}]
            """));
    assertThat(serve(r, 80, "foo.bar.com", "/svc.Other/M")).isEqualTo("UNIMPLEMENTED");
    assertThat(serve(r, 80, "foo.bar.com", "/svc.Only/M")).isEqualTo("default/on-wild rule 0");
    assertThat(serve(r, 80, "foo.org", "/svc.Other/M")).isEqualTo("default/on-any rule 0");
    assertThat(serve(r, 80, "x.org", "/svc.Other/M")).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void conformanceHeaderMatching_firstMatchingRuleAfterPrecedence() throws Exception {
    TranslationResult r = translate(java.nio.file.Files.readString(
        TranslatorGoldenTest.DIR.resolve("conformance-header-matching.in.yaml")));
    String ns = "gateway-conformance-infra/grpc-header-matching";
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("version", "one"))).isEqualTo(ns + " rule 0");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("version", "two"))).isEqualTo(ns + " rule 1");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("version", "two", "color", "orange")))
        .isEqualTo(ns + " rule 2");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("version", "two", "color", "blue")))
        .isEqualTo(ns + " rule 1");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("color", "orange"))).isEqualTo("UNIMPLEMENTED");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("color", "green"))).isEqualTo(ns + " rule 3");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("color", "yellow"))).isEqualTo(ns + " rule 4");
    assertThat(serve(r, 80, "x", "/p.S/M", Map.of("color", "purple"))).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void conformanceListenerHostnameMatching() throws Exception {
    TranslationResult r = translate(java.nio.file.Files.readString(
        TranslatorGoldenTest.DIR.resolve("conformance-listener-hostname-matching.in.yaml")));
    String p = "gateway-conformance-infra/";
    assertThat(serve(r, 80, "bar.com", "/a.B/C")).isEqualTo(p + "backend-v1 rule 0");
    assertThat(serve(r, 80, "foo.bar.com", "/a.B/C")).isEqualTo(p + "backend-v2 rule 0");
    assertThat(serve(r, 80, "baz.bar.com", "/a.B/C")).isEqualTo(p + "backend-v3 rule 0");
    assertThat(serve(r, 80, "multiple.prefixes.bar.com", "/a.B/C"))
        .isEqualTo(p + "backend-v3 rule 0");
    assertThat(serve(r, 80, "multiple.prefixes.foo.com", "/a.B/C"))
        .isEqualTo(p + "backend-v3 rule 0");
    assertThat(serve(r, 80, "foo.com", "/a.B/C")).isEqualTo("UNIMPLEMENTED");
    assertThat(serve(r, 80, "no.matching.host", "/a.B/C")).isEqualTo("UNIMPLEMENTED");
  }

  @Test
  void grpcRoutingGuide() throws Exception {
    TranslationResult r = translate(java.nio.file.Files.readString(
        TranslatorGoldenTest.DIR.resolve("grpc-routing-guide.in.yaml")));
    assertThat(serve(r, 443, "foo.example.com", "/com.example.User/Login"))
        .isEqualTo("default/foo-route rule 0");
    assertThat(serve(r, 443, "foo.example.com", "/com.example.User/GetUser"))
        .isEqualTo("UNIMPLEMENTED");
    assertThat(serve(r, 443, "foo.example.com",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"))
        .isEqualTo("default/foo-route rule 1");
    assertThat(serve(r, 443, "bar.example.com", "/any.S/M", Map.of("env", "canary")))
        .isEqualTo("default/bar-route rule 0");
    assertThat(serve(r, 443, "bar.example.com", "/any.S/M", Map.of("env", "prod")))
        .isEqualTo("default/bar-route rule 1");
    assertThat(serve(r, 443, "unknown.example.com", "/com.example.User/Login"))
        .isEqualTo("UNIMPLEMENTED");
  }
}
