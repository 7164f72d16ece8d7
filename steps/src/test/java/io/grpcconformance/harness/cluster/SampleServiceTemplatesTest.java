package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import io.grpcconformance.harness.env.TlsMaterial;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendering scenario deployments from the real manifests/samples/ templates. */
class SampleServiceTemplatesTest {
  private static final String IMAGE = "grpc-conformance/sample-services:0.1.0";

  private final SampleServiceTemplates templates =
      SampleServiceTemplates.load(ProjectLayout.discover().manifests("samples"), IMAGE);

  @Test
  void aGreeterGetsItsNameNamespaceArgsAndServicePort() {
    SampleServiceTemplates.Rendered r = templates.render(
        SampleDeployment.of(SampleKind.GREETER, "echo-v1", "gc-abc").withReplicas(2).withServicePort(8080));

    Deployment d = r.deployment();
    assertThat(d.getMetadata().getName()).isEqualTo("echo-v1");
    assertThat(d.getMetadata().getNamespace()).isEqualTo("gc-abc");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", "echo-v1"));
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "echo-v1").containsEntry("app.kubernetes.io/part-of", "grpc-conformance");
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(IMAGE);
    assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(c.getArgs()).containsExactly("greeter", "--port", "9001", "--name", "echo-v1", "--reflection");
    assertThat(c.getEnv()).extracting(EnvVar::getName).contains("POD_NAME", "POD_NAMESPACE");
    assertThat(c.getReadinessProbe().getGrpc().getPort()).isEqualTo(9001);

    Service s = r.service();
    assertThat(s.getMetadata().getName()).isEqualTo("echo-v1");
    assertThat(s.getMetadata().getNamespace()).isEqualTo("gc-abc");
    assertThat(s.getSpec().getSelector()).isEqualTo(Map.of("app", "echo-v1"));
    assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("grpc");
      assertThat(p.getAppProtocol()).isEqualTo("kubernetes.io/h2c");
    });
  }

  @Test
  void aUserWithoutReflectionAndWithScenarioLabels() {
    SampleServiceTemplates.Rendered r = templates.render(SampleDeployment.of(SampleKind.USER, "db", "gc-x")
        .withReflection(false).withLabels(Map.of("role", "db")));

    Container c = r.deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getArgs()).containsExactly("user", "--port", "9002", "--name", "db");
    assertThat(r.deployment().getSpec().getTemplate().getMetadata().getLabels()).containsEntry("role", "db");
    // Selection stays on app=<name>: scenario labels never widen or narrow the Service.
    assertThat(r.service().getSpec().getSelector()).isEqualTo(Map.of("app", "db"));
  }

  @Test
  void aTlsSampleMountsItsSecretAndProbesByTcp() {
    SampleServiceTemplates.Rendered r = templates.render(SampleDeployment.of(SampleKind.GREETER, "secure", "gc-t")
        .withTls(new TlsMaterial("-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----")));

    var pod = r.deployment().getSpec().getTemplate().getSpec();
    Container c = pod.getContainers().get(0);
    assertThat(c.getArgs()).endsWith("--tls-cert", "/etc/grpc-conformance/tls/tls.crt",
        "--tls-key", "/etc/grpc-conformance/tls/tls.key");
    assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName()).containsExactly("secure-tls");
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/grpc-conformance/tls"));
    assertThat(c.getReadinessProbe().getGrpc()).isNull();
    assertThat(c.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(9001);
    assertThat(c.getLivenessProbe().getTcpSocket()).isNotNull();
    assertThat(r.service().getSpec().getPorts().get(0).getAppProtocol()).isNull();
  }

  @Test
  void renderingDoesNotChangeTheTemplates() {
    templates.render(SampleDeployment.of(SampleKind.GREETER, "one", "ns1").withReplicas(3));
    SampleServiceTemplates.Rendered second = templates.render(SampleDeployment.of(SampleKind.GREETER, "two", "ns2"));

    assertThat(second.deployment().getSpec().getReplicas()).isEqualTo(1);
    assertThat(second.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("two").doesNotContain("one");
  }
}
