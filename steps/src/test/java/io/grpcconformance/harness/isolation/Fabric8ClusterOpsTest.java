package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fabric8ClusterOps against fabric8's mock API server (CRUD, plus an exec expectation). */
@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterOpsTest {

  KubernetesClient client;

  private static final ModelNames NAMES = new ModelNames("gc-", "f8ops");

  @Test
  void createsTheModelAndReadsPodReadinessAndIp() {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(client);
    ModelManifests.namespaces(NAMES).forEach(ops::create);
    ModelManifests.pods(NAMES, "img:1").forEach(ops::create);

    assertThat(client.namespaces().withLabel("ns", "y").list().getItems()).hasSize(1);
    assertThat(ops.pod("gc-y-f8ops", "b")).hasValueSatisfying(s -> {
      assertThat(s.ready()).isFalse();
      assertThat(s.ip()).isEmpty();
    });
    assertThat(ops.pod("gc-y-f8ops", "nope")).isEmpty();

    client.pods().inNamespace("gc-y-f8ops").withName("b").editStatus(p -> {
      p.setStatus(new PodStatusBuilder()
          .withPhase("Running")
          .withPodIP("10.42.1.7")
          .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
          .build());
      return p;
    });
    assertThat(ops.pod("gc-y-f8ops", "b")).hasValueSatisfying(s -> {
      assertThat(s.ready()).isTrue();
      assertThat(s.ip()).contains("10.42.1.7");
      assertThat(s.summary()).startsWith("Running");
    });

    ops.labelPod("gc-y-f8ops", "b", Map.of("role", "db"));
    ops.labelNamespace("gc-y-f8ops", Map.of("project", "myproject"));
    assertThat(client.pods().inNamespace("gc-y-f8ops").withName("b").get().getMetadata().getLabels())
        .containsEntry("role", "db")
        .containsEntry("pod", "b");
    assertThat(client.namespaces().withName("gc-y-f8ops").get().getMetadata().getLabels())
        .containsEntry("project", "myproject")
        .containsEntry("ns", "y");

    ops.deleteNamespace("gc-z-f8ops");
    assertThat(client.namespaces().withName("gc-z-f8ops").get()).isNull();
  }

  @Test
  void policiesAreCreatedReplacedAndDeleted() {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(client);
    PolicyMapper mapper = new PolicyMapper(NAMES);
    List<NetworkPolicy> first = ModelPolicies.parse(ModelPolicies.DENY_INGRESS_X, Map.of());
    List<NetworkPolicy> second =
        ModelPolicies.parse(
            ModelPolicies.DENY_INGRESS_X.replace("policyTypes: [Ingress]", "policyTypes: [Ingress, Egress]"),
            Map.of());

    ops.applyPolicy(mapper.toCluster(first.get(0)));
    ops.applyPolicy(mapper.toCluster(second.get(0)));

    NetworkPolicy stored =
        client.network().v1().networkPolicies().inNamespace("gc-x-f8ops").withName("deny-ingress").get();
    assertThat(stored.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    ops.deletePolicy("gc-x-f8ops", "deny-ingress");
    ops.deletePolicy("gc-x-f8ops", "deny-ingress"); // already gone: no error
    assertThat(client.network().v1().networkPolicies().inNamespace("gc-x-f8ops").list().getItems())
        .isEmpty();
  }

  @Test
  void serviceEndpointsComeFromReadyEndpointSliceAddressesWithTheTargetPort() {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(client);
    client.resource(new ServiceBuilder().withNewMetadata().withName("greeter").withNamespace("app")
        .endMetadata().withNewSpec().addToSelector("app", "greeter")
        .addNewPort().withName("grpc").withPort(8080).endPort().endSpec().build()).create();
    client.resource(new EndpointSliceBuilder().withNewMetadata().withName("greeter-abc")
        .withNamespace("app").addToLabels("kubernetes.io/service-name", "greeter").endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("grpc").withPort(9001).endPort()
        .addNewEndpoint().withAddresses("10.42.3.4").withNewConditions().withReady(true).endConditions()
        .withNewTargetRef().withKind("Pod").withName("greeter-1").endTargetRef().endEndpoint()
        .addNewEndpoint().withAddresses("10.42.3.5").withNewConditions().withReady(false).endConditions()
        .withNewTargetRef().withKind("Pod").withName("greeter-2").endTargetRef().endEndpoint()
        .build()).create();

    assertThat(ops.serviceEndpoints("app", "greeter", 8080))
        .containsExactly(new ServiceEndpoint("greeter-1", "10.42.3.4", 9001));
    assertThat(ops.serviceSelector("app", "greeter")).containsExactly(Map.entry("app", "greeter"));
    assertThatThrownBy(() -> ops.serviceEndpoints("app", "greeter", 80))
        .hasMessageContaining("Service app/greeter has no port 80");
    assertThatThrownBy(() -> ops.serviceSelector("app", "missing"))
        .hasMessageContaining("Service app/missing does not exist");
  }

  @Test
  void anExecTheServerRefusesIsAFailureNotAnException() {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(client);

    ExecResult r =
        ops.exec("gc-x-f8ops", "missing", "cont-80-tcp", List.of("true"), Duration.ofSeconds(5));

    assertThat(r.exitCode()).isEmpty();
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("exec"));
  }
}
