package io.grpcconformance.harness.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.config.ConformanceConfig.Timeouts;
import io.grpcconformance.harness.wait.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesHelpersTest {

  KubernetesClient client;

  private static final String MANIFEST =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: gw
      spec:
        gatewayClassName: ${gatewayClass}
        listeners:
        - name: grpc
          protocol: HTTP
          port: 80
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: route
      spec:
        parentRefs:
        - name: gw
        rules:
        - backendRefs:
          - name: greeter
            port: 8080
      """;

  private final Timeouts fast =
      new Timeouts(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          3,
          Duration.ofMillis(20),
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          Duration.ofMillis(10),
          Duration.ofMillis(10));

  @Test
  void namespaces_getUniqueLabelledNamesAndAreDeletedByCleanup() {
    Cleanup cleanup = new Cleanup();
    List<String> released = new ArrayList<>();
    ScenarioNamespaces namespaces =
        new ScenarioNamespaces(client, "gc-", false, cleanup, released::add);
    String a =
        namespaces.create(
            "Exact method matching: SayHello goes to v1!", "", Map.of("project", "myproject"));
    String b =
        namespaces.create("Exact method matching: SayHello goes to v1!", "backend", Map.of());
    assertThat(a)
        .startsWith("gc-exact-method-matching-sayhello")
        .matches("[a-z0-9-]{1,63}")
        .isNotEqualTo(b);
    assertThat(b).contains("-backend-");
    assertThat(client.namespaces().withName(a).get().getMetadata().getLabels())
        .containsEntry("project", "myproject")
        .containsEntry(ScenarioNamespaces.SCENARIO_LABEL, "exact-method-matching-sayhello");
    assertThat(cleanup.runAll()).isEmpty();
    assertThat(client.namespaces().withName(a).get()).isNull();
    assertThat(client.namespaces().withName(b).get()).isNull();
    assertThat(released).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void cleanup_runsEveryActionEvenWhenOneFails() {
    Cleanup cleanup = new Cleanup();
    List<String> ran = new ArrayList<>();
    cleanup.register("first", () -> ran.add("first"));
    cleanup.register(
        "broken",
        () -> {
          throw new IllegalStateException("boom");
        });
    cleanup.register("last", () -> ran.add("last"));
    assertThat(cleanup.runAll()).containsExactly("cleanup 'broken' failed: boom");
    assertThat(ran).containsExactly("last", "first");
    assertThat(cleanup.pending()).isZero();
  }

  @Test
  void applier_substitutesPlacesInNamespaceCreatesAndCleansUp() {
    Cleanup cleanup = new Cleanup();
    ManifestApplier applier = new ManifestApplier(client, cleanup);
    List<HasMetadata> created =
        applier.apply("test", MANIFEST, Map.of("gatewayClass", "grpc-conformance"), "ns1");
    assertThat(created).extracting(HasMetadata::getKind).containsExactly("Gateway", "GRPCRoute");
    Gateway gw = client.resources(Gateway.class).inNamespace("ns1").withName("gw").get();
    assertThat(gw.getSpec().getGatewayClassName()).isEqualTo("grpc-conformance");
    assertThat(client.resources(GRPCRoute.class).inNamespace("ns1").withName("route").get())
        .isNotNull();
    assertThat(cleanup.runAll()).isEmpty();
    assertThat(client.resources(Gateway.class).inNamespace("ns1").withName("gw").get()).isNull();
  }

  @Test
  void applier_namesTheSourceAndUnknownVariable() {
    assertThatThrownBy(
            () ->
                ManifestApplier.substitute(
                    "manifests/suite/x.yaml", "a: ${nope}", Map.of("namespace", "n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("manifests/suite/x.yaml: unknown variable ${nope} (known: [namespace])");
    assertThatThrownBy(
            () ->
                new ManifestApplier(client, new Cleanup())
                    .apply("bad.yaml", "kind: [", Map.of(), "n"))
        .hasMessageStartingWith("bad.yaml: not valid Kubernetes YAML");
  }

  @Test
  void statusAssertions_waitForConditionsAtTheCurrentGeneration() {
    new ManifestApplier(client, new Cleanup())
        .apply("test", MANIFEST, Map.of("gatewayClass", "c"), "ns2");
    StatusAssertions status =
        new StatusAssertions(client, new Eventually(fast, l -> {}), "example.io/gw");
    assertThatThrownBy(() -> status.gatewayMustBeProgrammed("ns2", "gw"))
        .hasMessageContaining("Gateway ns2/gw expected Expected[type=Accepted");

    Gateway gw = client.resources(Gateway.class).inNamespace("ns2").withName("gw").get();
    Long generation = gw.getMetadata().getGeneration();
    gw.setStatus(
        new GatewayStatusBuilder()
            .addToConditions(condition("Accepted", "True", "Accepted", generation))
            .addToConditions(condition("Programmed", "True", "Programmed", generation))
            .addNewListener()
            .withName("grpc")
            .withAttachedRoutes(1)
            .addToConditions(
                condition("ResolvedRefs", "False", "InvalidCertificateRef", generation))
            .endListener()
            .build());
    client.resource(gw).updateStatus();
    status.gatewayMustBeProgrammed("ns2", "gw");
    status.listenerMustHaveAttachedRoutes("ns2", "gw", "grpc", 1);
    status.listenerMustHave(
        "ns2",
        "gw",
        "grpc",
        new StatusAssertions.Expected("ResolvedRefs", "False", "InvalidCertificateRef"));
    assertThatThrownBy(
            () ->
                status.listenerMustHave(
                    "ns2", "gw", "grpc", new StatusAssertions.Expected("ResolvedRefs", "True", "")))
        .hasMessageContaining("ResolvedRefs=False/InvalidCertificateRef");

    GRPCRoute route = client.resources(GRPCRoute.class).inNamespace("ns2").withName("route").get();
    Long rg = route.getMetadata().getGeneration();
    route.setStatus(
        new GRPCRouteStatusBuilder()
            .addNewParent()
            .withControllerName("example.io/gw")
            .withNewParentRef()
            .withName("gw")
            .endParentRef()
            .addToConditions(condition("Accepted", "True", "Accepted", rg))
            .addToConditions(condition("ResolvedRefs", "True", "ResolvedRefs", rg))
            .endParent()
            .build());
    client.resource(route).updateStatus();
    status.routeMustBeAccepted("ns2", "route", "ns2", "gw");
    StatusAssertions otherController =
        new StatusAssertions(client, new Eventually(fast, l -> {}), "other.io/gw");
    assertThatThrownBy(() -> otherController.routeMustBeAccepted("ns2", "route", "ns2", "gw"))
        .hasMessageContaining("no parent status for Gateway gw by controller other.io/gw");
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(
      String type, String status, String reason, Long gen) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withObservedGeneration(gen)
        .withMessage("")
        .withLastTransitionTime("2024-01-01T00:00:00Z")
        .build();
  }

  @Test
  void configDefaultsAreUsableHere() {
    assertThat(ConformanceConfig.defaults().namespacePrefix()).isEqualTo("gc-");
  }
}
