package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyMapperTest {

  private final ModelNames names = new ModelNames("gc-", "k3f9q");
  private final PolicyMapper mapper = new PolicyMapper(names);

  private static NetworkPolicy policy(String yaml) {
    return PolicyText.parse("test", yaml, Map.of(), "x").get(0);
  }

  @Test
  void theNamespaceAndMetadataNameSelectorsBecomeClusterNames() {
    NetworkPolicy model =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: from-y-and-z
              namespace: x
            spec:
              podSelector:
                matchLabels:
                  pod: a
              ingress:
              - from:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: "y"
                - namespaceSelector:
                    matchExpressions:
                    - key: kubernetes.io/metadata.name
                      operator: In
                      values: [z, kube-system]
                - namespaceSelector:
                    matchLabels:
                      ns: z
              egress:
              - to:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: x
                  podSelector:
                    matchLabels:
                      pod: b
            """);

    NetworkPolicy cluster = mapper.toCluster(model);

    assertThat(cluster.getMetadata().getNamespace()).isEqualTo("gc-x-k3f9q");
    List<NetworkPolicyPeer> from = cluster.getSpec().getIngress().get(0).getFrom();
    assertThat(from.get(0).getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "gc-y-k3f9q");
    assertThat(from.get(1).getNamespaceSelector().getMatchExpressions().get(0).getValues())
        .containsExactly("gc-z-k3f9q", "kube-system");
    // Selected through the ns label the model namespaces carry: unchanged.
    assertThat(from.get(2).getNamespaceSelector().getMatchLabels()).containsEntry("ns", "z");
    NetworkPolicyPeer to = cluster.getSpec().getEgress().get(0).getTo().get(0);
    assertThat(to.getNamespaceSelector().getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "gc-x-k3f9q");
    assertThat(to.getPodSelector().getMatchLabels()).containsEntry("pod", "b");
    // The model policy is left as written.
    assertThat(model.getMetadata().getNamespace()).isEqualTo("x");
    assertThat(model.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector()
        .getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "y");
  }

  @Test
  void aPolicyOutsideTheModelNamespacesIsRefused() {
    NetworkPolicy elsewhere =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: p
              namespace: default
            spec:
              podSelector: {}
            """);
    assertThatThrownBy(() -> mapper.toCluster(elsewhere))
        .hasMessageContaining("NetworkPolicy default/p: metadata.namespace must be a model namespace");
  }
}
