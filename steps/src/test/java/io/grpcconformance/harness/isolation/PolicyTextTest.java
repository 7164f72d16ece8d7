package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTextTest {

  private static final Map<String, String> IPS = Map.of("x/a", "10.42.0.10", "y/b", "10.42.1.11");

  @Test
  void podIpPlaceholdersAndTheDefaultNamespaceAreFilledIn() {
    List<NetworkPolicy> policies =
        PolicyText.parse(
            "scenario text",
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-from-x-a
            spec:
              podSelector: {}
              ingress:
              - from:
                - ipBlock:
                    cidr: ${ip:x/a}/32
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: deny
              namespace: z
            spec:
              podSelector: {}
            """,
            IPS,
            "y");

    assertThat(policies).hasSize(2);
    assertThat(policies.get(0).getMetadata().getNamespace()).isEqualTo("y");
    assertThat(policies.get(0).getSpec().getIngress().get(0).getFrom().get(0).getIpBlock().getCidr())
        .isEqualTo("10.42.0.10/32");
    assertThat(policies.get(1).getMetadata().getNamespace()).isEqualTo("z");
  }

  @Test
  void everyProblemIsReportedWithSourceDocumentAndField() {
    assertThatThrownBy(
            () ->
                PolicyText.parse(
                    "deny.yaml",
                    """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata:
                      name: typo
                    spec:
                      podSelector: {}
                      ingres: []
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: not-a-policy
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata:
                      name: bad-cidr
                    spec:
                      podSelector: {}
                      ingress:
                      - from:
                        - ipBlock:
                            cidr: ${ip:q/z}/32
                    """,
                    IPS,
                    "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deny.yaml document 1 (NetworkPolicy typo): spec.ingres: unknown field")
        .hasMessageContaining("deny.yaml document 2: kind/apiVersion: expected networking.k8s.io/v1"
            + " NetworkPolicy, got v1 Service")
        .hasMessageContaining("${ip:q/z}: no such model pod")
        .hasMessageContaining("deny.yaml document 3 (NetworkPolicy bad-cidr): spec.ingress[0].from[0]");
  }

  @Test
  void textWithoutPoliciesOrNotYamlIsRefused() {
    assertThatThrownBy(() -> PolicyText.parse("empty", "---\n", IPS, "x"))
        .hasMessageContaining("empty: no NetworkPolicy in it");
    assertThatThrownBy(() -> PolicyText.parse("broken", "kind: [", IPS, "x"))
        .hasMessageContaining("broken document 1: not valid YAML");
  }
}
