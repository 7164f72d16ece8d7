package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Deploying a sample against the CRUD mock server, where the test plays the endpoints controller. */
@EnableKubernetesMockClient(crud = true)
class SampleDeployerTest {
  KubernetesClient client;

  private final SampleServiceTemplates templates = SampleServiceTemplates.load(
      ProjectLayout.discover().manifests("samples"), "grpc-conformance/sample-services:0.1.0");

  private void readyEndpoint(String namespace, String service, String ip) {
    client.discovery().v1().endpointSlices().inNamespace(namespace).resource(new EndpointSliceBuilder()
        .withNewMetadata().withName(service + "-" + ip.replace('.', '-')).withNamespace(namespace)
        .addToLabels("kubernetes.io/service-name", service).endMetadata()
        .withAddressType("IPv4")
        .addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions().endEndpoint()
        .build()).create();
  }

  @Test
  void createsTheDeploymentAndServiceAndReturnsOnceEndpointsAreReady() {
    SampleDeployer deployer = new SampleDeployer(client, templates, Duration.ofSeconds(60), Duration.ofMillis(50));
    Thread controller = new Thread(() -> {
      Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> client.services().inNamespace("gc-a").withName("foo").get() != null);
      readyEndpoint("gc-a", "foo", "10.42.0.7");
      readyEndpoint("gc-a", "foo", "10.42.0.8");
    });
    controller.start();

    deployer.deploy(SampleDeployment.of(SampleKind.USER, "foo", "gc-a").withReplicas(2));

    assertThat(client.apps().deployments().inNamespace("gc-a").withName("foo").get().getSpec().getReplicas())
        .isEqualTo(2);
    assertThat(client.services().inNamespace("gc-a").withName("foo").get().getSpec().getPorts().get(0).getPort())
        .isEqualTo(8080);
  }

  @Test
  void aTimeoutNamesTheWaitingPodsAndTheFix() {
    SampleDeployer deployer = new SampleDeployer(client, templates, Duration.ofSeconds(3), Duration.ofMillis(100));
    client.pods().inNamespace("gc-b").resource(new PodBuilder()
        .withNewMetadata().withName("bar-5d9f").withNamespace("gc-b").addToLabels("app", "bar").endMetadata()
        .withNewStatus().addNewContainerStatus().withName("greeter").withNewState().withNewWaiting()
        .withReason("ErrImageNeverPull").withMessage("Container image \"grpc-conformance/sample-services:0.1.0\" is not present")
        .endWaiting().endState().endContainerStatus().endStatus().build()).create();

    assertThatThrownBy(() -> deployer.deploy(SampleDeployment.of(SampleKind.GREETER, "bar", "gc-b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("sample service gc-b/bar has 0/1 ready endpoints after PT3S (conformance.timeouts.podsMustBeReady):"
            + " bar-5d9f waiting: ErrImageNeverPull (Container image \"grpc-conformance/sample-services:0.1.0\" is not"
            + " present) (fix: lab/load-images.sh, or build the image: " + JibImages.BUILD_COMMAND + ")");
  }
}
