package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesClusterProbeTest {
  KubernetesClient client;

  static void crd(KubernetesClient client, String name) {
    String[] parts = name.split("\\.", 2);
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withGroup(parts[1]).withScope("Namespaced")
        .withNewNames().withPlural(parts[0]).withKind(parts[0]).endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
        .endSpec().build()).create();
  }

  @Test
  void reportsReachabilityMissingCrdsClassesAndImages() {
    KubernetesClusterProbe probe = new KubernetesClusterProbe(client);
    crd(client, "grpcroutes.gateway.networking.k8s.io");
    client.resource(new GatewayClassBuilder().withNewMetadata().withName("eg").endMetadata()
        .withNewSpec().withControllerName("gateway.envoyproxy.io/gatewayclass-controller").endSpec().build()).create();
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("devops-worker").endMetadata()
        .withNewStatus().addNewImage().withNames("docker.io/grpc-conformance/sample-services:0.1.0",
            "docker.io/grpc-conformance/sample-services@sha256:00").endImage().endStatus().build()).create();

    assertThat(probe.apiReachable().ok()).isTrue();
    assertThat(probe.missingCrds(GatewayApiCrds.REQUIRED)).containsExactly(
        "gatewayclasses.gateway.networking.k8s.io", "gateways.gateway.networking.k8s.io",
        "referencegrants.gateway.networking.k8s.io");
    assertThat(probe.gatewayClassExists("eg").ok()).isTrue();
    assertThat(probe.gatewayClassExists("istio").ok()).isFalse();
    assertThat(probe.imagesMissingOnNodes(List.of("grpc-conformance/sample-services:0.1.0",
        "grpc-conformance/gateway:0.1.0"))).containsExactly("grpc-conformance/gateway:0.1.0");
  }
}
