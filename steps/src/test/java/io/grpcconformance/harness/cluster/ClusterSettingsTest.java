package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  @Test
  void defaultsArePinned() {
    ClusterSettings s = ClusterSettings.resolve(new SettingSource(Map.of(), new Properties()));

    assertThat(s.k3sImage()).isEqualTo("rancher/k3s:v1.36.4-k3s1");
    assertThat(s.clusterCidr()).isEqualTo("10.42.0.0/16");
    assertThat(s.calicoManifest())
        .isEqualTo("https://raw.githubusercontent.com/projectcalico/calico/v3.32.1/manifests/calico.yaml");
    assertThat(s.gatewayApiCrds())
        .isEqualTo("https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml");
    assertThat(s.allowedContexts()).containsExactly("kind-devops", "k3s-*");
    assertThat(s.kubeContext()).isEmpty();
    assertThat(s.gatewayClass()).isEqualTo("grpc-conformance");
    assertThat(s.ownGateway()).isTrue();
    assertThat(s.sampleImage()).isEqualTo("grpc-conformance/sample-services:0.1.0");
    assertThat(s.gatewayImage()).isEqualTo("grpc-conformance/gateway:0.1.0");
    assertThat(s.timeouts()).isEqualTo(ClusterTimeouts.defaults());
    assertThat(s.timeouts().calicoReady()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everySettingIsOverridable() {
    Properties p = new Properties();
    p.setProperty("conformance.k3s.image", "rancher/k3s:v1.35.7-k3s1");
    p.setProperty("conformance.calico.manifest", "/tmp/calico.yaml");
    p.setProperty("conformance.kubeContext", "k3s-ci");
    p.setProperty("conformance.allowedContexts", " kind-devops , k3s-ci ,");
    p.setProperty("conformance.gatewayClass", "eg");
    p.setProperty("conformance.gatewayImage", "grpc-conformance/gateway:0.2.0");
    p.setProperty("conformance.timeouts.nodeReady", "7m");
    ClusterSettings s = ClusterSettings.resolve(new SettingSource(Map.of("CONFORMANCE_IMAGES_CHECK", "false"), p));

    assertThat(s.k3sImage()).isEqualTo("rancher/k3s:v1.35.7-k3s1");
    assertThat(s.calicoManifest()).isEqualTo("/tmp/calico.yaml");
    assertThat(s.kubeContext()).contains("k3s-ci");
    assertThat(s.allowedContexts()).containsExactly("kind-devops", "k3s-ci");
    assertThat(s.gatewayClass()).isEqualTo("eg");
    assertThat(s.ownGateway()).isFalse();
    assertThat(s.gatewayImage()).isEqualTo("grpc-conformance/gateway:0.2.0");
    assertThat(s.checkImages()).isFalse();
    assertThat(s.timeouts().nodeReady()).isEqualTo(Duration.ofMinutes(7));
    assertThat(s.kindContext()).isEqualTo("kind-devops");
  }

  @Test
  void theSuitesGatewayClassAndSampleImageArePassedThrough() {
    ClusterSettings s = ClusterSettings.resolve(new SettingSource(Map.of(), new Properties()),
        "istio", "registry.example/samples:9");

    assertThat(s.gatewayClass()).isEqualTo("istio");
    assertThat(s.ownGateway()).isFalse();
    assertThat(s.sampleImage()).isEqualTo("registry.example/samples:9");
  }

  @Test
  void aThirdPartyGatewayNeedsOnlyTheSampleImage() {
    Properties p = new Properties();
    p.setProperty("conformance.gatewayClass", "eg");
    ClusterSettings third = ClusterSettings.resolve(new SettingSource(Map.of(), p));
    ClusterSettings own = ClusterSettings.resolve(new SettingSource(Map.of(), new Properties()));

    assertThat(JibImages.required(third)).containsExactly("grpc-conformance/sample-services:0.1.0");
    assertThat(JibImages.required(own))
        .containsExactly("grpc-conformance/sample-services:0.1.0", "grpc-conformance/gateway:0.1.0");
  }
}
