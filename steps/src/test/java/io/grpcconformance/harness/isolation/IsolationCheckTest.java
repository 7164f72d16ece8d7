package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The step facade on an environment without a CNI, and its gateway policy on a mock API. */
@EnableKubernetesMockClient(crud = true)
class IsolationCheckTest {

  KubernetesClient client;

  private final List<String> log = new ArrayList<>();
  private final List<Runnable> cleanups = new ArrayList<>();

  /** An environment over the mock API server that may lack NetworkPolicy enforcement. */
  private Environment env(Optional<String> networkPolicyMissing) {
    return new Environment() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public Optional<String> skipReason() {
        return Optional.empty();
      }

      @Override
      public Optional<String> missing(Capability capability) {
        return capability == Capability.NETWORK_POLICY ? networkPolicyMissing : Optional.empty();
      }

      @Override
      public KubernetesClient client() {
        return client;
      }

      @Override
      public void deploy(SampleDeployment deployment) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Address gatewayAddress(String namespace, String gatewayName, int listenerPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Address ingressAddress(int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void withoutEnforcementTheModelIsDryAndExpectationsArePrinted() {
    IsolationCheck check = new IsolationCheck(env(Optional.of("no CNI here")), "app");

    check.startModel("gc-", "img:1", false, log::add, cleanups::add);
    String expected = check.applyPolicyText(ModelPolicies.DENY_INGRESS_X, 80);

    assertThat(check.enforcementMissing()).contains("no CNI here");
    assertThat(check.model().dry()).isTrue();
    assertThat(cleanups).hasSize(1);
    assertThat(log.get(0)).startsWith("isolation model not deployed (no CNI here)");
    assertThat(expected)
        .startsWith("expected reachability on TCP 80 (rows: from, columns: to;")
        .contains("y/a X   X   X   .   .   .");
    assertThat(client.namespaces().list().getItems()).as("nothing deployed").isEmpty();
    assertThatThrownBy(() -> check.startModel("gc-", "img:1", false, log::add, cleanups::add))
        .hasMessageContaining("already set up");
  }

  @Test
  void theModelMustBeStartedFirst() {
    IsolationCheck check = new IsolationCheck(env(Optional.empty()), "app");
    assertThatThrownBy(check::model)
        .hasMessageContaining("no isolation model in this scenario: start with \"Given the"
            + " isolation model: ...\"");
  }

  @Test
  void theGatewayOnlyPolicyUsesTheServiceSelectorAndTheConfiguredGatewayPeer() {
    client.resource(new ServiceBuilder().withNewMetadata().withName("greeter").withNamespace("app")
        .endMetadata().withNewSpec().addToSelector("app", "greeter")
        .addNewPort().withPort(8080).endPort().endSpec().build()).create();
    IsolationCheck check = new IsolationCheck(env(Optional.empty()), "app");

    check.admitOnlyTheGateway("greeter");

    NetworkPolicy stored = client.network().v1().networkPolicies().inNamespace("app")
        .withName("greeter-gateway-only").get();
    assertThat(stored.getSpec().getPodSelector().getMatchLabels())
        .containsExactly(Map.entry("app", "greeter"));
    assertThat(stored.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()
        .getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "grpc-conformance-system");
    assertThatThrownBy(() -> check.directCalls("nobody", "greeter", 8080, false))
        .hasMessageContaining("no probe pod 'nobody' in this scenario");
  }
}
