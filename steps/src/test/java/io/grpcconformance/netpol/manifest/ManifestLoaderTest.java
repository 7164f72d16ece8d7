package io.grpcconformance.netpol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpcconformance.netpol.IpFamily;
import io.grpcconformance.netpol.PodPort;
import io.grpcconformance.netpol.Protocol;
import io.grpcconformance.netpol.ReachabilityEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private List<String> errors() {
    try {
      ManifestLoader.load(dir);
    } catch (ManifestException e) {
      return e.errors();
    }
    throw new AssertionError("expected a ManifestException");
  }

  @Test
  void readsPoliciesNamespacesAndDeploymentsAcrossDocuments() throws Exception {
    write(
        "a.yaml",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny, namespace: x}
        spec: {podSelector: {}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: web}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        ---
        """);
    write(
        "b.yml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
                - name: main
                  image: example
                  ports: [{name: grpc, containerPort: 50051}, {containerPort: 53, protocol: UDP}]
                - name: sidecar
                  image: example
                  ports: [{name: metrics, containerPort: 9090}]
        """);
    write("notes.txt", "not a manifest");
    Manifests manifests = ManifestLoader.load(dir);
    assertThat(manifests.policies())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("deny");
    assertThat(manifests.namespaces())
        .singleElement()
        .satisfies(
            ns ->
                assertThat(ns.labels())
                    .containsEntry("team", "web")
                    .containsEntry("kubernetes.io/metadata.name", "shop"));
    assertThat(manifests.pods())
        .singleElement()
        .satisfies(
            pod -> {
              assertThat(pod.key()).isEqualTo("shop/web");
              assertThat(pod.ports())
                  .containsExactly(
                      new PodPort("grpc", 50051, Protocol.TCP),
                      new PodPort(null, 53, Protocol.UDP),
                      new PodPort("metrics", 9090, Protocol.TCP));
            });
    assertThat(manifests.notes())
        .singleElement()
        .asString()
        .contains("a.yaml document 3", "Service shop/web", "not used");
    ReachabilityEngine engine = manifests.engine(IpFamily.IPV4);
    assertThat(engine.model().podKeys()).hasSize(10).contains("shop/web");
    assertThat(engine.allowed("shop/web", "x/a", 80, Protocol.TCP)).isFalse();
  }

  @Test
  void laterPolicyOfTheSameNameReplacesTheEarlierAndZeroReplicasRunNoPod() throws Exception {
    write(
        "1.yaml",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {podSelector: {}}
        """);
    write(
        "2.yaml",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p, namespace: x}
        spec: {podSelector: {}, ingress: [{}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: idle}
        spec: {replicas: 0, template: {metadata: {labels: {app: idle}}}}
        """);
    Manifests manifests = ManifestLoader.load(dir);
    assertThat(manifests.policies())
        .singleElement()
        .satisfies(p -> assertThat(p.getSpec().getIngress()).hasSize(1));
    assertThat(manifests.pods()).isEmpty();
    assertThat(manifests.notes())
        .anyMatch(n -> n.contains("replaces an earlier one"))
        .anyMatch(n -> n.contains("Deployment idle") && n.contains("replicas is 0"));
  }

  @Test
  void kubectlGetListOutputIsReadItemByItem() throws Exception {
    write(
        "cluster.json",
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
           "metadata": {"name": "deny", "namespace": "y", "resourceVersion": "7"},
           "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}},
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
           "metadata": {"name": "bad", "namespace": "y"},
           "spec": {"podSelector": {}, "ingress": [{"ports": [{"port": 0}]}]}}
        ]}
        """);
    assertThat(errors())
        .singleElement()
        .asString()
        .contains(
            "cluster.json document 1 item 2 (NetworkPolicy y/bad): spec.ingress[0].ports[0].port");
    Files.delete(dir.resolve("cluster.json"));
    write(
        "cluster.yaml",
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: y}
            spec: {podSelector: {}}
        """);
    Manifests manifests = ManifestLoader.load(dir);
    assertThat(manifests.policies())
        .singleElement()
        .satisfies(p -> assertThat(p.getMetadata().getName()).isEqualTo("deny"));
    assertThat(manifests.engine(IpFamily.IPV4).allowed("x/a", "y/a", 80, Protocol.TCP)).isFalse();
  }

  @Test
  void shippedSourceMaterialFolderLoads() throws Exception {
    Manifests manifests = ManifestLoader.load(Path.of("..", "manifests", "netpol"));
    assertThat(manifests.policies())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("test-network-policy", "default-deny-ingress");
    assertThat(manifests.pods())
        .extracting(p -> p.key())
        .containsExactlyInAnyOrder("default/db", "default/frontend", "myproject/client");
    ReachabilityEngine engine = manifests.engine(IpFamily.IPV4);
    assertThat(engine.allowed("default/frontend", "default/db", 6379, Protocol.TCP)).isTrue();
    assertThat(engine.allowed("myproject/client", "default/db", 6379, Protocol.TCP)).isTrue();
    assertThat(engine.allowed("x/a", "default/db", 6379, Protocol.TCP)).isTrue();
    assertThat(engine.allowed("y/a", "default/db", 6379, Protocol.TCP)).isFalse();
    assertThat(engine.allowed("x/a", "default/frontend", 80, Protocol.TCP)).isFalse();
    assertThat(engine.policiesSelectingNoPod()).isEmpty();
  }

  @Test
  void missingFolderAndFileInsteadOfFolder() throws Exception {
    assertThatThrownBy(() -> ManifestLoader.load(dir.resolve("nope")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("does not exist");
    Path file = write("f.yaml", "");
    assertThatThrownBy(() -> ManifestLoader.load(file))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("is not a directory");
  }

  @Test
  void unparseableYamlNamesFileDocumentAndLine() throws Exception {
    write(
        "bad.yaml",
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ok}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p
        spec: [
        """);
    assertThat(errors())
        .singleElement()
        .asString()
        .contains("bad.yaml document 2", "not valid YAML", "line");
  }

  @Test
  void invalidPolicyFieldsNameFileDocumentPolicyAndField() throws Exception {
    write(
        "policies.yaml",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: fine, namespace: x}
        spec: {podSelector: {}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: broken, namespace: y}
        spec:
          podSelector: {}
          ingress:
            - from: [{ipBlock: {cidr: 172.17.0.0/40}}]
              ports: [{port: 0}, {port: 80, protocol: HTTP}]
        """);
    assertThat(errors())
        .containsExactly(
            withPath(
                "policies.yaml document 2 (NetworkPolicy y/broken): spec.ingress[0].ports[0].port: "
                    + "0 is not between 1 and 65535"),
            withPath(
                "policies.yaml document 2 (NetworkPolicy y/broken):"
                    + " spec.ingress[0].ports[1].protocol: unsupported value 'HTTP' (supported:"
                    + " \"SCTP\", \"TCP\", \"UDP\")"),
            withPath(
                "policies.yaml document 2 (NetworkPolicy y/broken):"
                    + " spec.ingress[0].from[0].ipBlock.cidr: '172.17.0.0/40' has prefix length 40,"
                    + " outside 0-32"));
  }

  @Test
  void wrongTypesKindsAndVersionsAreErrors() throws Exception {
    write(
        "m.yaml",
        """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: typed, namespace: x}
spec:
  podSelector: {}
  ingress: [{ports: [{port: 80, endPort: eighty}]}]
---
metadata: {name: kindless}
---
apiVersion: extensions/v1beta1
kind: NetworkPolicy
metadata: {name: old}
---
- just
- a list
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: a, namespace: x}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: c, ports: [{containerPort: 0}, {containerPort: 8080, protocol: tcp}]}]
""");
    List<String> errors = errors();
    assertThat(errors).hasSize(7);
    assertThat(errors.get(0))
        .contains(
            "m.yaml document 1 (NetworkPolicy x/typed): "
                + "spec.ingress[0].ports[0].endPort: cannot read: ",
            "\"eighty\"");
    assertThat(errors.get(1)).contains("m.yaml document 2", "kind: required");
    assertThat(errors.get(2))
        .contains(
            "m.yaml document 3 (NetworkPolicy old)",
            "apiVersion: 'extensions/v1beta1'",
            "networking.k8s.io/v1");
    assertThat(errors.get(3)).contains("m.yaml document 4", "not a Kubernetes object");
    assertThat(errors.get(4))
        .contains("m.yaml document 5 (Deployment x/a)", "collides with the standard model pod x/a");
    assertThat(errors.get(5))
        .contains(
            "m.yaml document 6 (Deployment web)",
            "containers[0].ports[0].containerPort: 0 is not between 1 and 65535");
    assertThat(errors.get(6)).contains("containers[0].ports[1].protocol: unsupported value 'tcp'");
  }

  private String withPath(String line) {
    return dir + "/" + line;
  }
}
