package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readiness stages against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ClusterReadinessTest {
  KubernetesClient client;

  private final List<String> progress = new ArrayList<>();
  /** For stages expected to pass: generous, since a passing stage returns as soon as it is ready. */
  private ClusterReadiness readiness;
  /** For stages expected to time out: short. */
  private ClusterReadiness impatient;

  @BeforeEach
  void setUp() {
    readiness = new ClusterReadiness(client,
        ClusterTimeouts.uniform(Duration.ofSeconds(60), Duration.ofMillis(50)), progress::add);
    impatient = new ClusterReadiness(client,
        ClusterTimeouts.uniform(Duration.ofSeconds(3), Duration.ofMillis(100)), progress::add);
    // Warm the client up (the first request of a fresh client is slow on a busy machine), so that the
    // impatient stages observe the API's answer rather than a request cut short by their own timeout.
    client.apps().deployments().inNamespace("kube-system").list();
  }

  private void node(String name, String ready) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus()
        .build()).create();
  }

  private void calicoNode(int desired, int ready) {
    client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
        .withNewMetadata().withName("calico-node").withNamespace("kube-system").endMetadata()
        .withNewStatus().withDesiredNumberScheduled(desired).withNumberReady(ready)
        .withCurrentNumberScheduled(desired).withNumberMisscheduled(0).endStatus()
        .build()).create();
  }

  private void coreDns(int available) {
    client.apps().deployments().inNamespace("kube-system").resource(new DeploymentBuilder()
        .withNewMetadata().withName("coredns").withNamespace("kube-system").endMetadata()
        .withNewSpec().withReplicas(1).endSpec()
        .withNewStatus().withAvailableReplicas(available).endStatus()
        .build()).create();
  }

  @Test
  void aReadyClusterPassesEveryStageWithOneProgressLineEachWay() {
    node("k3s-0", "True");
    calicoNode(1, 1);
    coreDns(1);
    client.serviceAccounts().inNamespace("default").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("default").withNamespace("default").endMetadata().build()).create();

    readiness.awaitApi();
    readiness.awaitCalicoCluster();

    assertThat(progress).hasSize(10);
    assertThat(progress).filteredOn(l -> l.startsWith("cluster: waiting for")).extracting(l -> l.split(" \\(")[0])
        .containsExactly("cluster: waiting for API server", "cluster: waiting for nodes Ready",
            "cluster: waiting for DaemonSet kube-system/calico-node",
            "cluster: waiting for Deployment kube-system/coredns",
            "cluster: waiting for ServiceAccount default/default");
    assertThat(progress.get(0)).isEqualTo("cluster: waiting for API server (timeout apiReady=PT1M)");
    assertThat(progress.get(1)).matches("cluster: API server ready after \\d+\\.\\d s");
  }

  @Test
  void aNotReadyNodeTimesOutNamingTheTimeoutAndTheNode() {
    node("k3s-0", "False");

    assertThatThrownBy(impatient::awaitNodesReady)
        .isInstanceOf(ClusterNotReadyException.class)
        .hasMessage("nodes Ready not ready within PT3S (conformance.timeouts.nodeReady): not Ready: k3s-0");
  }

  @Test
  void calicoNodeMustBeReadyOnEveryNode() {
    calicoNode(2, 1);

    assertThatThrownBy(impatient::awaitCalicoNode)
        .hasMessage("DaemonSet kube-system/calico-node not ready within PT3S (conformance.timeouts.calicoReady):"
            + " 1/2 pods ready");
  }

  @Test
  void missingObjectsAreReportedAsNotFound() {
    assertThatThrownBy(impatient::awaitCoreDns)
        .hasMessage("Deployment kube-system/coredns not ready within PT3S (conformance.timeouts.corednsReady): not found");
    assertThatThrownBy(() -> impatient.awaitDefaultServiceAccount("gc-x"))
        .hasMessage("ServiceAccount gc-x/default not ready within PT3S (conformance.timeouts.serviceAccount): not found");
  }

  @Test
  void aStageThatBecomesReadyWhileWaitingPasses() {
    coreDns(0);
    Thread flip = new Thread(() -> {
      org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(300)).until(() -> true);
      var d = client.apps().deployments().inNamespace("kube-system").withName("coredns").get();
      d.getStatus().setAvailableReplicas(1);
      client.apps().deployments().inNamespace("kube-system").resource(d).updateStatus();
    });
    flip.start();

    readiness.awaitCoreDns();

    assertThat(progress).last().asString().startsWith("cluster: Deployment kube-system/coredns ready after");
  }

  @Test
  void crdsMustBeEstablished() {
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("grpcroutes.gateway.networking.k8s.io").endMetadata()
        .withNewSpec().withGroup("gateway.networking.k8s.io").withScope("Namespaced")
        .withNewNames().withKind("GRPCRoute").withPlural("grpcroutes").withSingular("grpcroute").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
        .endSpec()
        .withNewStatus().addNewCondition().withType("Established").withStatus("True").endCondition().endStatus()
        .build()).create();

    readiness.awaitCrdsEstablished(List.of("grpcroutes.gateway.networking.k8s.io"));
    assertThatThrownBy(() -> impatient.awaitCrdsEstablished(GatewayApiCrds.REQUIRED))
        .hasMessage("CRDs Established not ready within PT3S (conformance.timeouts.crdsEstablished): not Established:"
            + " gatewayclasses.gateway.networking.k8s.io, gateways.gateway.networking.k8s.io,"
            + " referencegrants.gateway.networking.k8s.io");
  }
}
