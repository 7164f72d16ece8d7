package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpcconformance.harness.config.ConfigLoader;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import io.grpcconformance.harness.env.TlsMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig environment against the CRUD mock server, reached through a kubeconfig file. */
@EnableKubernetesMockClient(crud = true)
class KubeconfigEnvironmentProviderTest {
  KubernetesClient client;

  @TempDir
  Path dir;

  private KubeconfigContexts kubeconfig(String current, String... contexts) throws IOException {
    String yaml = KubeconfigContextsTest.kubeconfig(current, contexts)
        .replace("https://127.0.0.1:6443", client.getMasterUrl().toString() + "\n    insecure-skip-tls-verify: true");
    Path file = Files.writeString(dir.resolve("config"), yaml);
    return KubeconfigContexts.load(Map.of("KUBECONFIG", file.toString()), dir);
  }

  private static ConformanceConfig config(String gatewayClass) {
    return new ConfigLoader(List.of(key -> key.equals("conformance.gatewayClass") ? gatewayClass : null)).resolve();
  }

  private Environment create(KubeconfigContexts contexts, String gatewayClass, String... properties) {
    Properties p = new Properties();
    for (int i = 0; i < properties.length; i += 2) {
      p.setProperty(properties[i], properties[i + 1]);
    }
    return new KubeconfigEnvironmentProvider(new SettingSource(Map.of(), p), () -> contexts,
        ProjectLayout.discover()).create(config(gatewayClass));
  }

  @Test
  void aCurrentContextOffTheAllowListIsSkippedWithoutAnyRequest() throws IOException {
    Environment env = create(kubeconfig("prod", "prod"), "grpc-conformance");

    assertThat(env.skipReason().orElseThrow()).startsWith(
        "kubeconfig environment skipped: kube context 'prod' (the current context) is not on the allow-list");
  }

  @Test
  void anAllowedClusterWithoutGatewayApiCrdsIsSkippedNamingThem() throws IOException {
    Environment env = create(kubeconfig(null, "prod", "kind-devops"), "grpc-conformance",
        "conformance.kubeContext", "kind-devops", "conformance.images.check", "false");

    assertThat(env.skipReason().orElseThrow()).isEqualTo("kubeconfig environment skipped: Gateway API CRDs missing in"
        + " 'kind-devops': gatewayclasses.gateway.networking.k8s.io, gateways.gateway.networking.k8s.io,"
        + " grpcroutes.gateway.networking.k8s.io, referencegrants.gateway.networking.k8s.io (fix: lab/deploy.sh, or"
        + " kubectl apply --server-side -f"
        + " https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml)");
  }

  @Test
  void aPreparedClusterRunsAThirdPartyGatewayWithCalicoAndSamples() throws IOException {
    GatewayApiCrds.REQUIRED.forEach(crd -> KubernetesClusterProbeTest.crd(client, crd));
    client.resource(new GatewayClassBuilder().withNewMetadata().withName("eg").endMetadata()
        .withNewSpec().withControllerName("gateway.envoyproxy.io/gatewayclass-controller").endSpec().build()).create();
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName("devops-worker").endMetadata()
        .withNewStatus().addNewImage().withNames("docker.io/grpc-conformance/sample-services:0.1.0").endImage()
        .endStatus().build()).create();
    client.apps().daemonSets().inNamespace("kube-system").resource(new DaemonSetBuilder()
        .withNewMetadata().withName("calico-node").withNamespace("kube-system").endMetadata().build()).create();

    Environment env = create(kubeconfig("kind-devops", "kind-devops"), "eg");

    assertThat(env.skipReason()).isEmpty();
    assertThat(env).isInstanceOf(KubeconfigEnvironment.class);
    assertThat(((KubeconfigEnvironment) env).context()).isEqualTo("kind-devops");
    assertThat(env.missing(Capability.NETWORK_POLICY)).isEmpty();
    assertThat(env.missing(Capability.INGRESS)).contains("no ingress controller for class nginx in the kubeconfig"
        + " environment (looked for ingress-nginx/ingress-nginx-controller)");
    assertThat(((GatewayLogSource) env).gatewayLogs()).contains("gateway class eg is a third party's");
    assertThatThrownBy(() -> env.gatewayAddress("gc-a", "example-gateway", 80))
        .hasMessageStartingWith("cannot find the Service of Gateway gc-a/example-gateway (class eg)");

    // A TLS sample: the Secret is written before the Deployment; the test plays the endpoints controller.
    new Thread(() -> {
      Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> env.client().services().inNamespace("gc-a").withName("secure").get() != null);
      env.client().discovery().v1().endpointSlices().inNamespace("gc-a").resource(new EndpointSliceBuilder()
          .withNewMetadata().withName("secure-1").withNamespace("gc-a")
          .addToLabels("kubernetes.io/service-name", "secure").endMetadata().withAddressType("IPv4")
          .addNewEndpoint().withAddresses("10.244.1.5").withNewConditions().withReady(true).endConditions()
          .endEndpoint().build()).create();
    }).start();
    env.deploy(SampleDeployment.of(SampleKind.GREETER, "secure", "gc-a")
        .withTls(new TlsMaterial("CERT", "KEY")));

    var secret = env.client().secrets().inNamespace("gc-a").withName("secure-tls").get();
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getData()).containsOnlyKeys("tls.crt", "tls.key");
    env.close();
  }

  @Test
  void aNetworkWithoutCalicoSaysSo() throws IOException {
    GatewayApiCrds.REQUIRED.forEach(crd -> KubernetesClusterProbeTest.crd(client, crd));
    client.resource(new GatewayClassBuilder().withNewMetadata().withName("eg").endMetadata()
        .withNewSpec().withControllerName("x/y").endSpec().build()).create();

    Environment env = create(kubeconfig("k3s-ci", "k3s-ci"), "eg", "conformance.images.check", "false");

    assertThat(env.missing(Capability.NETWORK_POLICY)).contains("kube context 'k3s-ci' has no calico-node DaemonSet,"
        + " so NetworkPolicy enforcement is not assumed (the lab installs Calico: lab/up.sh)");
    env.close();
  }
}
