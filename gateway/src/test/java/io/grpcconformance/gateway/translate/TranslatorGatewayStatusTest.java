package io.grpcconformance.gateway.translate;

import static io.grpcconformance.gateway.translate.Fixtures.CLASS;
import static io.grpcconformance.gateway.translate.Fixtures.ECHO;
import static io.grpcconformance.gateway.translate.Fixtures.GATEWAY;
import static io.grpcconformance.gateway.translate.Fixtures.condition;
import static io.grpcconformance.gateway.translate.Fixtures.gateway;
import static io.grpcconformance.gateway.translate.Fixtures.gatewayClass;
import static io.grpcconformance.gateway.translate.Fixtures.listener;
import static io.grpcconformance.gateway.translate.Fixtures.state;
import static io.grpcconformance.gateway.translate.Fixtures.translate;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteGroupKind;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.translate.ingress.IngressTranslation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per GatewayClass, Gateway and listener status reason. */
class TranslatorGatewayStatusTest {

  private static String gatewayYaml(String name, String listeners) {
    return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
        + "metadata: {name: " + name + ", namespace: default, generation: 4}\n"
        + "spec:\n  gatewayClassName: grpc\n  listeners:\n"
        + listeners.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  private static String tlsSecret(String ns, String name, String crt, String key) {
    return "---\napiVersion: v1\nkind: Secret\nmetadata: {name: " + name + ", namespace: " + ns
        + "}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64:certs/" + crt + "}\n"
        + "  tls.key: ${base64:certs/" + key + "}\n";
  }

  @Test
  void gatewayClass_acceptedWhenControllerNameIsOurs() {
    TranslationResult r = translate(CLASS);
    GatewayClass gc = gatewayClass(r, "grpc");
    assertThat(state(gc.getStatus().getConditions(), "Accepted")).isEqualTo("True/Accepted");
    assertThat(gc.getStatus().getSupportedFeatures()).extracting(f -> f.getName())
        .contains("GRPCRoute", "Gateway", "ReferenceGrant").isSorted();
  }

  @Test
  void gatewayClass_invalidParameters() {
    TranslationResult r = translate(CLASS.replace("{controllerName: grpc-conformance.io/gateway}",
        "{controllerName: grpc-conformance.io/gateway,"
            + " parametersRef: {group: x.io, kind: K, name: p}}") + GATEWAY);
    assertThat(state(gatewayClass(r, "grpc").getStatus().getConditions(), "Accepted"))
        .isEqualTo("False/InvalidParameters");
    assertThat(state(gateway(r, "gw").getStatus().getConditions(), "Accepted"))
        .isEqualTo("False/Invalid");
    assertThat(r.table().ports()).isEmpty();
  }

  @Test
  void gatewayClass_ofAnotherControllerGetsNoStatusAndItsGatewaysAreNotServed() {
    TranslationResult r = translate(CLASS.replace("grpc-conformance.io/gateway", "example.net/x")
        + GATEWAY);
    assertThat(r.statuses()).noneMatch(o -> o instanceof GatewayClass
        || o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway);
    assertThat(r.table().ports()).isEmpty();
  }

  @Test
  void gateway_acceptedAndProgrammed() {
    TranslationResult r = translate(CLASS + GATEWAY);
    var gw = gateway(r, "gw").getStatus();
    assertThat(state(gw.getConditions(), "Accepted")).isEqualTo("True/Accepted");
    assertThat(state(gw.getConditions(), "Programmed")).isEqualTo("True/Programmed");
    assertThat(gw.getAddresses()).isEmpty();
    ListenerStatus l = listener(r, "gw", "http");
    assertThat(state(l.getConditions(), "Accepted")).isEqualTo("True/Accepted");
    assertThat(state(l.getConditions(), "Programmed")).isEqualTo("True/Programmed");
    assertThat(state(l.getConditions(), "ResolvedRefs")).isEqualTo("True/ResolvedRefs");
    assertThat(state(l.getConditions(), "Conflicted")).isEqualTo("False/NoConflicts");
    assertThat(l.getSupportedKinds()).containsExactly(
        new RouteGroupKind("gateway.networking.k8s.io", "GRPCRoute"),
        new RouteGroupKind("gateway.networking.k8s.io", "HTTPRoute"));
    assertThat(r.table().ports()).containsKey(80);
  }

  @Test
  void gateway_listenersNotValid_acceptedWhenSomeListenersAreValid() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: http, port: 80, protocol: HTTP}
        - {name: udp, port: 81, protocol: UDP}
        """));
    assertThat(state(gateway(r, "gw").getStatus().getConditions(), "Accepted"))
        .isEqualTo("True/ListenersNotValid");
    assertThat(condition(gateway(r, "gw").getStatus().getConditions(), "Accepted").getMessage())
        .contains("udp (UnsupportedProtocol)").contains("accepted listeners: [http]");
  }

  @Test
  void gateway_listenersNotValid_notAcceptedWhenNoListenerIsValid() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: invalid, port: 80, protocol: INVALID}
        """));
    var conditions = gateway(r, "gw").getStatus().getConditions();
    assertThat(state(conditions, "Accepted")).isEqualTo("False/ListenersNotValid");
    assertThat(state(conditions, "Programmed")).isEqualTo("False/Invalid");
  }

  @Test
  void gateway_invalidParameters() {
    TranslationResult r = translate(CLASS + GATEWAY.replace("gatewayClassName: grpc",
        "gatewayClassName: grpc\n"
            + "  infrastructure: {parametersRef: {group: x.io, kind: K, name: p}}"));
    assertThat(state(gateway(r, "gw").getStatus().getConditions(), "Accepted"))
        .isEqualTo("False/InvalidParameters");
    assertThat(r.table().ports()).isEmpty();
  }

  @Test
  void gateway_unsupportedAddress() {
    TranslationResult r = translate(CLASS + GATEWAY.replace("gatewayClassName: grpc",
        "gatewayClassName: grpc\n  addresses: [{type: IPAddress, value: 192.0.2.7}]"));
    var conditions = gateway(r, "gw").getStatus().getConditions();
    assertThat(state(conditions, "Accepted")).isEqualTo("False/UnsupportedAddress");
    assertThat(state(conditions, "Programmed")).isEqualTo("False/AddressNotAssigned");
  }

  @Test
  void listener_unsupportedProtocol() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: http, port: 80, protocol: HTTP}
        - {name: tcp, port: 81, protocol: TCP}
        """));
    ListenerStatus l = listener(r, "gw", "tcp");
    assertThat(state(l.getConditions(), "Accepted")).isEqualTo("False/UnsupportedProtocol");
    assertThat(state(l.getConditions(), "Programmed")).isEqualTo("False/Invalid");
    assertThat(l.getSupportedKinds()).isEmpty();
    assertThat(r.table().ports()).containsOnlyKeys(80);
  }

  @Test
  void listener_unsupportedValue_passthroughTls() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: https, port: 443, protocol: HTTPS, tls: {mode: Passthrough}}
        """));
    assertThat(state(listener(r, "gw", "https").getConditions(), "Accepted"))
        .isEqualTo("False/UnsupportedValue");
  }

  @Test
  void listener_portUnavailable_whenTheIngressUsesThePort() {
    TranslationResult r = translate(CLASS + GATEWAY,
        Fixtures.ingress(Map.of(80, PortRoutes.closed(80))));
    ListenerStatus l = listener(r, "gw", "http");
    assertThat(state(l.getConditions(), "Accepted")).isEqualTo("False/PortUnavailable");
    assertThat(state(l.getConditions(), "Programmed")).isEqualTo("False/Invalid");
    assertThat(r.table().ports().get(80)).isEqualTo(PortRoutes.closed(80)); // the Ingress keeps it
    assertThat(r.problems()).anyMatch(p -> p.contains("Gateway default/gw listener http")
        && p.contains("PortUnavailable") && p.contains("Ingress"));
  }

  @Test
  void ingress_portsStatusesAndProblemsAreMerged() {
    var ingressStatus = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
        .withNewMetadata().withName("ing").withNamespace("default").endMetadata().build();
    TranslationResult r = translate(CLASS + GATEWAY, new IngressTranslation(
        Map.of(443, PortRoutes.closed(443)), java.util.List.of(ingressStatus),
        java.util.List.of("Ingress default/ing: something")));
    assertThat(r.table().ports()).containsOnlyKeys(80, 443);
    assertThat(r.statuses()).contains(ingressStatus);
    assertThat(r.problems()).contains("Ingress default/ing: something");
  }

  @Test
  void ingress_failureBecomesAProblemAndGatewaysKeepServing() {
    TranslationResult r = new Translator(TranslatorConfig.defaults(), Fixtures.CLOCK, (s, c) -> {
      throw new IllegalStateException("boom");
    }).translate(Snapshots.fromYaml(CLASS + GATEWAY));
    assertThat(r.table().ports()).containsOnlyKeys(80);
    assertThat(r.problems()).containsExactly(
        "Ingress translation failed: IllegalStateException; Ingresses are not served");
  }

  @Test
  void listener_portUnavailable_whenAnOlderGatewayUsesThePortWithAnotherProtocol() {
    String older = gatewayYaml("older", "- {name: http, port: 8443, protocol: HTTP}\n")
        .replace("generation: 4}", "generation: 4, creationTimestamp: \"2025-01-01T00:00:00Z\"}");
    String newer = gatewayYaml("newer", """
        - {name: https, port: 8443, protocol: HTTPS, tls: {certificateRefs: [{name: tls}]}}
        """).replace("generation: 4}",
        "generation: 4, creationTimestamp: \"2025-02-01T00:00:00Z\"}");
    TranslationResult r = translate(CLASS + newer + older
        + tlsSecret("default", "tls", "example-com.crt", "example-com.key"));
    assertThat(state(listener(r, "older", "http").getConditions(), "Accepted"))
        .isEqualTo("True/Accepted");
    assertThat(state(listener(r, "newer", "https").getConditions(), "Accepted"))
        .isEqualTo("False/PortUnavailable");
    assertThat(r.table().ports().get(8443).protocol()).isEqualTo(PortRoutes.Protocol.HTTP);
  }

  @Test
  void listener_invalidCertificateRef_missingSecret() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: nope}]}}
        """));
    ListenerStatus l = listener(r, "gw", "https");
    assertThat(state(l.getConditions(), "ResolvedRefs")).isEqualTo("False/InvalidCertificateRef");
    assertThat(condition(l.getConditions(), "ResolvedRefs").getMessage())
        .contains("spec.listeners[0].tls.certificateRefs[0]").contains("default/nope");
    assertThat(state(l.getConditions(), "Programmed")).isEqualTo("False/Invalid");
    assertThat(l.getSupportedKinds()).extracting(RouteGroupKind::getKind).contains("HTTPRoute");
    assertThat(r.table().ports()).isEmpty();
  }

  @Test
  void listener_refNotPermitted_crossNamespaceSecretWithoutGrant() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - name: https
          port: 443
          protocol: HTTPS
          tls: {certificateRefs: [{name: tls, namespace: certs}]}
        """) + tlsSecret("certs", "tls", "example-com.crt", "example-com.key"));
    assertThat(state(listener(r, "gw", "https").getConditions(), "ResolvedRefs"))
        .isEqualTo("False/RefNotPermitted");
  }

  @Test
  void listener_resolvedRefs_crossNamespaceSecretWithGrant() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - name: https
          port: 443
          protocol: HTTPS
          tls: {certificateRefs: [{name: tls, namespace: certs}]}
        """) + tlsSecret("certs", "tls", "example-com.crt", "example-com.key") + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: ReferenceGrant
        metadata: {name: g, namespace: certs}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: default}]
          to: [{group: "", kind: Secret, name: tls}]
        """);
    ListenerStatus l = listener(r, "gw", "https");
    assertThat(state(l.getConditions(), "ResolvedRefs")).isEqualTo("True/ResolvedRefs");
    assertThat(state(l.getConditions(), "Programmed")).isEqualTo("True/Programmed");
    assertThat(r.table().ports().get(443).certificates()).hasSize(1);
  }

  @Test
  void listener_invalidRouteKinds() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - name: http
          port: 80
          protocol: HTTP
          allowedRoutes: {kinds: [{kind: InvalidRoute}, {kind: HTTPRoute}]}
        """));
    ListenerStatus l = listener(r, "gw", "http");
    assertThat(state(l.getConditions(), "ResolvedRefs")).isEqualTo("False/InvalidRouteKinds");
    assertThat(l.getSupportedKinds()).containsExactly(
        new RouteGroupKind("gateway.networking.k8s.io", "HTTPRoute"));
  }

  @Test
  void listener_protocolConflict() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: a, port: 80, protocol: HTTP}
        - {name: b, port: 80, protocol: HTTPS, tls: {certificateRefs: [{name: tls}]}}
        - {name: c, port: 81, protocol: HTTP}
        """) + tlsSecret("default", "tls", "example-com.crt", "example-com.key"));
    for (String name : new String[] {"a", "b"}) {
      ListenerStatus l = listener(r, "gw", name);
      assertThat(state(l.getConditions(), "Conflicted")).isEqualTo("True/ProtocolConflict");
      assertThat(state(l.getConditions(), "Accepted")).isEqualTo("False/ProtocolConflict");
      assertThat(state(l.getConditions(), "Programmed")).isEqualTo("False/ProtocolConflict");
    }
    assertThat(state(gateway(r, "gw").getStatus().getConditions(), "Accepted"))
        .isEqualTo("True/ListenersNotValid");
    assertThat(r.table().ports()).containsOnlyKeys(81); // no winner on port 80
  }

  @Test
  void listener_hostnameConflict() {
    TranslationResult r = translate(CLASS + gatewayYaml("gw", """
        - {name: a, port: 80, protocol: HTTP, hostname: x.example.com}
        - {name: b, port: 80, protocol: HTTP, hostname: x.example.com}
        - {name: c, port: 80, protocol: HTTP, hostname: y.example.com}
        """));
    assertThat(state(listener(r, "gw", "a").getConditions(), "Conflicted"))
        .isEqualTo("True/HostnameConflict");
    assertThat(state(listener(r, "gw", "a").getConditions(), "Accepted"))
        .isEqualTo("False/HostnameConflict");
    assertThat(state(listener(r, "gw", "a").getConditions(), "Programmed"))
        .isEqualTo("False/HostnameConflict");
    assertThat(state(listener(r, "gw", "b").getConditions(), "Conflicted"))
        .isEqualTo("True/HostnameConflict");
    assertThat(state(listener(r, "gw", "c").getConditions(), "Conflicted"))
        .isEqualTo("False/NoConflicts");
    assertThat(r.table().ports().get(80).virtualHosts()).extracting(v -> v.hostname())
        .containsExactly("y.example.com");
  }

  @Test
  void listener_attachedRoutes_countsAcceptedRoutesOnly() {
    TranslationResult r = translate(CLASS + GATEWAY + ECHO
        + Fixtures.route("ok", "parentRefs: [{name: gw}]\nhostnames: [grpc.example.com]\n"
            + "rules: [{backendRefs: [{name: echo, port: 9000}]}]")
        + Fixtures.route("also-ok", "parentRefs: [{name: gw}]\nhostnames: [grpc.example.com]\n"
            + "rules: []")
        + Fixtures.route("bad", "parentRefs: [{name: gw}]\n"
            + "rules: [{matches: [{method: {type: RegularExpression, service: \"(\"}}]}]")
        + """
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: default}
        spec: {parentRefs: [{name: gw}], hostnames: [web.example.com]}
        """);
    // ok, also-ok and the HTTPRoute (hostnames disjoint, so no cross-serving conflict); not bad.
    assertThat(listener(r, "gw", "http").getAttachedRoutes()).isEqualTo(3);
  }

  @Test
  void statusObjects_carryIdentityAndStatusOnly() {
    TranslationResult r = translate(CLASS + GATEWAY.replace("generation: 3}",
        "generation: 3, uid: u-1, resourceVersion: \"77\", labels: {a: b}}"));
    var gw = gateway(r, "gw");
    assertThat(gw.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(gw.getKind()).isEqualTo("Gateway");
    assertThat(gw.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(gw.getMetadata().getResourceVersion()).isEqualTo("77");
    assertThat(gw.getMetadata().getGeneration()).isEqualTo(3L);
    assertThat(gw.getMetadata().getLabels()).isEmpty();
    assertThat(gw.getSpec()).isNull();
  }

  @Test
  void conditions_observedGenerationAndFixedTransitionTime() {
    TranslationResult r = translate(CLASS + GATEWAY.replace("generation: 3}",
        "generation: 3, creationTimestamp: \"2025-03-04T05:06:07Z\"}"));
    for (var c : gateway(r, "gw").getStatus().getConditions()) {
      assertThat(c.getObservedGeneration()).isEqualTo(3L);
      assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-04T05:06:07Z");
    }
    for (var c : listener(r, "gw", "http").getConditions()) {
      assertThat(c.getObservedGeneration()).isEqualTo(3L);
    }
    // GatewayClass without creationTimestamp: the epoch.
    for (var c : gatewayClass(r, "grpc").getStatus().getConditions()) {
      assertThat(c.getLastTransitionTime()).isEqualTo("1970-01-01T00:00:00Z");
      assertThat(c.getObservedGeneration()).isEqualTo(1L);
    }
  }

  @Test
  void conditions_missingGenerationIsZero() {
    TranslationResult r = translate(CLASS + GATEWAY.replace(", generation: 3}", "}"));
    for (HasMetadata o : r.statuses()) {
      if (o instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway g) {
        assertThat(g.getStatus().getConditions()).allMatch(c -> c.getObservedGeneration() == 0L);
      }
    }
  }
}
