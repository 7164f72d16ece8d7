package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.harness.env.Address;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-cluster gateway against a synthetic manifests/gateway/ folder and the CRUD mock server. */
@EnableKubernetesMockClient(crud = true)
class InClusterGatewayTest {
  KubernetesClient client;

  static final String MANIFEST = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: gateway
        namespace: grpc-conformance-system
      spec:
        replicas: 1
        selector:
          matchLabels: {app: gateway}
        template:
          metadata:
            labels: {app: gateway}
          spec:
            containers:
              - name: gateway
                image: grpc-conformance/gateway:0.1.0
                imagePullPolicy: Always
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: gateway
        namespace: grpc-conformance-system
      spec:
        type: NodePort
        selector: {app: gateway}
        ports:
          - {name: grpc, port: 8080, targetPort: 8080, nodePort: 30080}
          - {name: grpcs, port: 8443, targetPort: 8443, nodePort: 30443}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: gateway
      """;

  private Path gatewayDir(Path dir) throws IOException {
    Path gateway = Files.createDirectories(dir.resolve("gateway"));
    Files.writeString(gateway.resolve("gateway.yaml"), MANIFEST);
    return gateway;
  }

  @Test
  void pinsTheConfiguredImageAndDefaultsTheNamespace(@TempDir Path dir) throws IOException {
    InClusterGateway gateway = InClusterGateway.fromManifests(client, gatewayDir(dir),
        "grpc-conformance/gateway:0.2.0", PortMapper.none());

    Deployment deployment = (Deployment) gateway.objects().get(0);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("grpc-conformance/gateway:0.2.0");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(gateway.objects().get(2).getMetadata().getNamespace()).isEqualTo("default");
  }

  @Test
  void reachesAListenerThroughTheMappedNodePort(@TempDir Path dir) throws IOException {
    InClusterGateway gateway = InClusterGateway.fromManifests(client, gatewayDir(dir),
        "grpc-conformance/gateway:0.1.0",
        nodePort -> nodePort == 30443 ? Optional.of(new Address("127.0.0.1", 41443)) : Optional.empty());
    client.resource((Service) gateway.objects().get(1)).create();

    assertThat(gateway.address(8443)).isEqualTo(new Address("127.0.0.1", 41443));
    assertThatThrownBy(() -> gateway.address(9999))
        .hasMessage("the gateway's Service has no port 9999 (ports: [8080, 8443]); declare it in manifests/gateway/"
            + " or use a listener on one of those ports");
  }

  @Test
  void deployAppliesEveryObjectAndWaitsForTheDeployment(@TempDir Path dir) throws IOException {
    InClusterGateway gateway = InClusterGateway.fromManifests(client, gatewayDir(dir),
        "grpc-conformance/gateway:0.1.0", PortMapper.none());
    ClusterTimeouts impatient = ClusterTimeouts.uniform(Duration.ofSeconds(3), Duration.ofMillis(100));

    assertThatThrownBy(() -> gateway.deploy(new ClusterReadiness(client, impatient, line -> { }), impatient))
        .isInstanceOf(ClusterNotReadyException.class)
        .hasMessage("Deployment grpc-conformance-system/gateway not ready within PT3S"
            + " (conformance.timeouts.gatewayMustBeReady): 0/1 replicas available");
    assertThat(client.services().inNamespace("grpc-conformance-system").withName("gateway").get()).isNotNull();
    assertThat(client.serviceAccounts().inNamespace("default").withName("gateway").get()).isNotNull();
  }

  @Test
  void missingManifestsAreAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> InClusterGateway.fromManifests(client, dir.resolve("gateway"),
        "grpc-conformance/gateway:0.1.0", PortMapper.none()))
        .hasMessage(dir.resolve("gateway") + " not found: the in-cluster gateway's manifests are missing (fix: check"
            + " out the complete repository, or test a third-party gateway with -Dconformance.gatewayClass)");
  }

  @Test
  void logsOfAGatewayWithoutPodsAreEmptyNotAnError(@TempDir Path dir) throws IOException {
    InClusterGateway gateway = InClusterGateway.fromManifests(client, gatewayDir(dir),
        "grpc-conformance/gateway:0.1.0", PortMapper.none());

    assertThat(gateway.gatewayLogs()).isEmpty();
  }
}
