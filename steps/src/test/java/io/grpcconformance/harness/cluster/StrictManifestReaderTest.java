package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictManifestReaderTest {
  private final StrictManifestReader reader = new StrictManifestReader();

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: example/web:1
                ports: [{containerPort: 8080}]
      """;

  @Test
  void readsEveryDocumentIntoItsModelClassAndSkipsEmptyOnes() {
    List<HasMetadata> objects = reader.read("two.yaml", DEPLOYMENT + """
        ---
        # only a comment
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """);

    assertThat(objects).hasSize(2);
    assertThat(objects.get(0)).isInstanceOf(Deployment.class);
    assertThat(((Deployment) objects.get(0)).getSpec().getReplicas()).isEqualTo(2);
    assertThat(objects.get(1)).isInstanceOf(Service.class);
    assertThat(((Service) objects.get(1)).getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
  }

  @Test
  void rejectsAMisspeltFieldNamingFileDocumentObjectAndPath() {
    String typo = DEPLOYMENT.replace("    containers:", "    contianers:");

    assertThatThrownBy(() -> reader.read("web.yaml", typo))
        .isInstanceOf(ManifestException.class)
        .hasMessage("web.yaml: document 1 (Deployment web): unknown field 'spec.template.spec.contianers'");
  }

  @Test
  void rejectsAnUnknownFieldInsideAList() {
    String typo = DEPLOYMENT.replace("image: example/web:1", "image: example/web:1\n          imagePullPolicyy: Never");

    assertThatThrownBy(() -> reader.read("web.yaml", typo))
        .hasMessage("web.yaml: document 1 (Deployment web): unknown field 'spec.template.spec.containers[0].imagePullPolicyy'");
  }

  @Test
  void rejectsAFieldOfTheWrongType() {
    assertThatThrownBy(() -> reader.read("web.yaml", DEPLOYMENT.replace("replicas: 2", "replicas: two")))
        .hasMessageStartingWith("web.yaml: document 1 (Deployment web): invalid field 'spec.replicas': ");
  }

  @Test
  void rejectsUnknownKindsAndApiVersions() {
    assertThatThrownBy(() -> reader.read("gw.yaml", """
        apiVersion: gateway.intnetworking.k8s.io/v1
        kind: Gateway
        metadata: {name: example-gateway}
        """))
        .hasMessage("gw.yaml: document 1 (Gateway example-gateway): unknown apiVersion/kind gateway.intnetworking.k8s.io/v1/Gateway");
    assertThatThrownBy(() -> reader.read("x.yaml", "apiVersion: v1\nmetadata: {name: x}\n"))
        .hasMessage("x.yaml: document 1: missing kind");
  }

  @Test
  void readsGatewayApiObjectsStrictlyToo() {
    String route = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: foo-route}
        spec:
          parentRefs: [{name: example-gateway}]
          hostnames: ["foo.example.com"]
          rules:
            - matches:
                - method: {service: com.example.User, method: Login}
              backendRefs: [{name: foo-svc, port: 50051}]
        """;

    assertThat(reader.read("route.yaml", route)).singleElement().isInstanceOf(GRPCRoute.class);
    assertThatThrownBy(() -> reader.read("route.yaml", route.replace("- matches:", "- matchs:")))
        .hasMessage("route.yaml: document 1 (GRPCRoute foo-route): unknown field 'spec.rules[0].matchs'");
  }

  @Test
  void reportsBrokenYamlWithTheDocumentNumber() {
    assertThatThrownBy(() -> reader.read("bad.yaml", DEPLOYMENT + "---\nkind: [unclosed\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("bad.yaml: document 2: not valid YAML: ");
  }
}
