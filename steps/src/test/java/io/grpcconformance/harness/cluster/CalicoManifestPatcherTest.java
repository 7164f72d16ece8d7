package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patch on a small synthetic calico.yaml shaped like upstream's (written here; upstream is not vendored). */
class CalicoManifestPatcherTest {
  private static final String CONFIG_MAP = """
      # Source: calico/templates/calico-config.yaml
      kind: ConfigMap
      apiVersion: v1
      metadata:
        name: calico-config
        namespace: kube-system
      data:
        calico_backend: "bird"
      """;

  private static final String DAEMON_SET = """
      # Source: calico/templates/calico-node.yaml
      kind: DaemonSet
      apiVersion: apps/v1
      metadata:
        name: calico-node
        namespace: kube-system
        labels:
          k8s-app: calico-node
      spec:
        selector:
          matchLabels:
            k8s-app: calico-node
        template:
          metadata:
            labels:
              k8s-app: calico-node
          spec:
            hostNetwork: true
            initContainers:
              - name: install-cni
                image: quay.io/calico/cni:v3.32.1
                env:
                  - name: CNI_CONF_NAME
                    value: "10-calico.conflist"
            containers:
              - name: calico-node
                image: quay.io/calico/node:v3.32.1
                env:
                  - name: DATASTORE_TYPE
                    value: "kubernetes"
                  - name: CALICO_IPV4POOL_IPIP
                    value: "Always"
                  - name: FELIX_IGNORELOOSERPF
                    value: "true"
                  # The default IPv4 pool to create on startup if none exists.
                  # - name: CALICO_IPV4POOL_CIDR
                  #   value: "192.168.0.0/16"
                  - name: NODENAME
                    valueFrom:
                      fieldRef:
                        fieldPath: spec.nodeName
      """;

  private static final String DEPLOYMENT = """
      # Source: calico/templates/calico-kube-controllers.yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: calico-kube-controllers
        namespace: kube-system
      spec:
        selector:
          matchLabels: {k8s-app: calico-kube-controllers}
        template:
          metadata:
            labels: {k8s-app: calico-kube-controllers}
          spec:
            containers:
              - name: calico-kube-controllers
                image: quay.io/calico/kube-controllers:v3.32.1
      """;

  private static final String MANIFEST = "---\n" + CONFIG_MAP + "---\n" + DAEMON_SET + "---\n" + DEPLOYMENT;

  private final CalicoManifestPatcher patcher = CalicoManifestPatcher.forK3s(
      new K3sClusterSpec("rancher/k3s:v1.36.4-k3s1", "10.42.0.0/16", List.of(), Duration.ofMinutes(3)));

  @Test
  void setsThePoolCidrReplacesEncapsulationInPlaceAndDropsTheObsoleteRpfSetting() {
    List<EnvVar> env = calicoNode(patcher.patch("calico.yaml", MANIFEST)).getEnv();

    assertThat(env).extracting(EnvVar::getName).containsExactly(
        "DATASTORE_TYPE", "CALICO_IPV4POOL_IPIP", "NODENAME", "CALICO_IPV4POOL_CIDR", "CALICO_IPV4POOL_VXLAN");
    assertThat(value(env, "CALICO_IPV4POOL_CIDR")).isEqualTo("10.42.0.0/16");
    assertThat(value(env, "CALICO_IPV4POOL_IPIP")).isEqualTo("Never");
    assertThat(value(env, "CALICO_IPV4POOL_VXLAN")).isEqualTo("Never");
    assertThat(env.get(2).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
  }

  @Test
  void leavesEveryOtherDocumentByteForByteAndTheInitContainersAlone() {
    String patched = patcher.patch("calico.yaml", MANIFEST);

    assertThat(patched).startsWith("---\n" + CONFIG_MAP + "---\n").endsWith("---\n" + DEPLOYMENT);
    DaemonSet ds = daemonSet(patched);
    assertThat(ds.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv())
        .extracting(EnvVar::getName).containsExactly("CNI_CONF_NAME");
    assertThat(ds.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
  }

  @Test
  void theResultStillParsesStrictlyAndPatchingTwiceChangesNothing() {
    String once = patcher.patch("calico.yaml", MANIFEST);

    List<HasMetadata> objects = new StrictManifestReader().read("patched", once);
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ConfigMap", "DaemonSet", "Deployment");
    assertThat(patcher.patch("calico.yaml", once)).isEqualTo(once);
  }

  @Test
  void refusesAManifestWithoutTheCalicoNodeDaemonSet() {
    assertThatThrownBy(() -> patcher.patch("tigera-operator.yaml", "---\n" + CONFIG_MAP + "---\n" + DEPLOYMENT))
        .isInstanceOf(ManifestException.class)
        .hasMessage("tigera-operator.yaml: no DaemonSet calico-node (fix: use Calico's manifests/calico.yaml;"
            + " the operator install, tigera-operator.yaml, is not supported)");
    assertThatThrownBy(() -> patcher.patch("x.yaml", DAEMON_SET.replace("- name: calico-node\n", "- name: node\n")))
        .hasMessage("x.yaml: DaemonSet calico-node has no container calico-node");
  }

  private static DaemonSet daemonSet(String manifest) {
    return new StrictManifestReader().read("patched", manifest).stream()
        .filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst().orElseThrow();
  }

  private static Container calicoNode(String manifest) {
    return daemonSet(manifest).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String value(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}
