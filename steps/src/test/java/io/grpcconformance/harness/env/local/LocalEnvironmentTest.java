package io.grpcconformance.harness.env.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.grpcconformance.harness.auth.DemoAccounts;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import io.grpcconformance.harness.expect.CallExpectations;
import io.grpcconformance.harness.expect.Expectation;
import io.grpcconformance.harness.grpc.Dial;
import io.grpcconformance.harness.grpc.GrpcProbe;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.harness.k8s.Cleanup;
import io.grpcconformance.harness.k8s.ManifestApplier;
import io.grpcconformance.harness.k8s.StatusAssertions;
import io.grpcconformance.harness.wait.Eventually;
import io.grpcconformance.samples.echo.Redaction;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local environment end to end: mock API server, embedded gateway, in-process samples. */
class LocalEnvironmentTest {

  private static final ConformanceConfig CONFIG = ConformanceConfig.defaults();
  private static LocalEnvironment env;

  @BeforeAll
  static void start() {
    env = LocalEnvironment.start(CONFIG);
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @Test
  void capabilities() {
    assertThat(env.name()).isEqualTo("local");
    assertThat(env.skipReason()).isEmpty();
    assertThat(env.missing(Capability.NETWORK_POLICY)).contains("no CNI in the local environment");
    assertThat(env.supportsNetworkPolicy()).isFalse();
    assertThat(env.missing(Capability.INGRESS)).isEmpty();
  }

  @Test
  void deployedReplicasServeThroughTheGatewayAndAreReleased() {
    env.client()
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("local-env-test")
                .endMetadata()
                .build())
        .create();
    env.deploy(
        SampleDeployment.of(SampleKind.GREETER, "greeter", "local-env-test").withReplicas(2));
    List<EndpointSlice> slices =
        env.client()
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace("local-env-test")
            .withLabel("kubernetes.io/service-name", "greeter")
            .list()
            .getItems();
    assertThat(slices)
        .hasSize(2)
        .allSatisfy(
            s -> assertThat(s.getEndpoints().get(0).getAddresses()).containsExactly("127.0.0.1"));

    Cleanup cleanup = new Cleanup();
    new ManifestApplier(env.client(), cleanup)
        .apply(
            "test",
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: gw
            spec:
              gatewayClassName: ${gatewayClass}
              listeners:
              - name: http
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
            """,
            Map.of("gatewayClass", CONFIG.gatewayClass()),
            "local-env-test");
    Eventually eventually = new Eventually(CONFIG.timeouts(), line -> {});
    new StatusAssertions(env.client(), eventually, CONFIG.controllerName())
        .gatewayMustBeProgrammed("local-env-test", "gw");

    GrpcProbe probe = GrpcProbe.forSamples();
    Address address = env.gatewayAddress("local-env-test", "gw", 80);
    ProbeRequest request =
        new ProbeRequest(
            Dial.plaintext(address, "x.example.com"),
            "helloworld.Greeter/SayHello",
            "{\"name\":\"local\"}",
            Map.of(),
            Duration.ofSeconds(5));
    new CallExpectations(probe, eventually)
        .mustBeAnswered(() -> request, Expectation.servedBy("greeter", "local-env-test"));
    Set<String> pods = new HashSet<>();
    for (ProbeResult r : probe.callRepeatedly(request, 40)) {
      pods.add(r.servedPod());
    }
    assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p).startsWith("greeter-"));

    cleanup.runAll();
    env.release("local-env-test");
    assertThat(
            env.client()
                .discovery()
                .v1()
                .endpointSlices()
                .inNamespace("local-env-test")
                .list()
                .getItems())
        .isEmpty();
    assertThat(env.client().services().inNamespace("local-env-test").list().getItems()).isEmpty();
  }

  @Test
  void tlsSecretsAreCreatedAndReleased() {
    io.grpcconformance.harness.tls.Pki pki = new io.grpcconformance.harness.tls.Pki();
    pki.createAuthority("ca");
    env.createTlsSecret("secrets-test", "a-tls", pki.issue("ca", List.of("a.example.com")));
    assertThat(env.client().secrets().inNamespace("secrets-test").withName("a-tls").get().getType())
        .isEqualTo("kubernetes.io/tls");
    env.release("secrets-test");
    assertThat(env.client().secrets().inNamespace("secrets-test").withName("a-tls").get()).isNull();
  }

  @Test
  void demoRedactionMatchesTheSamples() {
    assertThat(DemoAccounts.redacted("alice")).isEqualTo(Redaction.redact("alice-secret"));
    assertThat(DemoAccounts.redacted("admin")).isEqualTo(Redaction.redact("admin-secret"));
  }
}
