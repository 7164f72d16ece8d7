package io.grpcconformance.netpol;

import static io.grpcconformance.netpol.NetpolFixtures.allAllowed;
import static io.grpcconformance.netpol.NetpolFixtures.assertMatrix;
import static io.grpcconformance.netpol.NetpolFixtures.compute;
import static io.grpcconformance.netpol.NetpolFixtures.policy;
import static io.grpcconformance.netpol.NetpolFixtures.table;
import static io.grpcconformance.netpol.Protocol.TCP;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ingress cases of Kubernetes' {@code test/e2e/network/netpol/network_policy.go} (at 9db638c0807a):
 * same policies, expectations written out as full 9x9 tables from the upstream Reachability calls.
 */
class UpstreamIngressCasesTest {

  private static final NetworkPolicy DENY_INGRESS_X =
      policy(
          """
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny-ingress, namespace: x}
          spec:
            podSelector: {}
            policyTypes: [Ingress]
          """);

  /** The column of x/a blocked except from the given rows (written as the whole table). */
  private static final String X_A_ONLY_FROM_X_B =
      """
      x/a X   .   .   .   .   .   .   .   .
      x/b .   .   .   .   .   .   .   .   .
      x/c X   .   .   .   .   .   .   .   .
      y/a X   .   .   .   .   .   .   .   .
      y/b X   .   .   .   .   .   .   .   .
      y/c X   .   .   .   .   .   .   .   .
      z/a X   .   .   .   .   .   .   .   .
      z/b X   .   .   .   .   .   .   .   .
      z/c X   .   .   .   .   .   .   .   .
      """;

  private static final String X_A_ONLY_FROM_NAMESPACE_Y =
      """
      x/a X   .   .   .   .   .   .   .   .
      x/b X   .   .   .   .   .   .   .   .
      x/c X   .   .   .   .   .   .   .   .
      y/a .   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c .   .   .   .   .   .   .   .   .
      z/a X   .   .   .   .   .   .   .   .
      z/b X   .   .   .   .   .   .   .   .
      z/c X   .   .   .   .   .   .   .   .
      """;

  private static final String X_ISOLATED_FOR_INGRESS =
      """
      x/a X   X   X   .   .   .   .   .   .
      x/b X   X   X   .   .   .   .   .   .
      x/c X   X   X   .   .   .   .   .   .
      y/a X   X   X   .   .   .   .   .   .
      y/b X   X   X   .   .   .   .   .   .
      y/c X   X   X   .   .   .   .   .   .
      z/a X   X   X   .   .   .   .   .   .
      z/b X   X   X   .   .   .   .   .   .
      z/c X   X   X   .   .   .   .   .   .
      """;

  private static final String X_A_NO_INGRESS =
      """
      x/a X   .   .   .   .   .   .   .   .
      x/b X   .   .   .   .   .   .   .   .
      x/c X   .   .   .   .   .   .   .   .
      y/a X   .   .   .   .   .   .   .   .
      y/b X   .   .   .   .   .   .   .   .
      y/c X   .   .   .   .   .   .   .   .
      z/a X   .   .   .   .   .   .   .   .
      z/b X   .   .   .   .   .   .   .   .
      z/c X   .   .   .   .   .   .   .   .
      """;

  @Test
  @DisplayName("should support a 'default-deny-ingress' policy")
  void defaultDenyIngress() {
    assertMatrix(compute(80, TCP, DENY_INGRESS_X), table(X_ISOLATED_FOR_INGRESS));
  }

  @Test
  @DisplayName("should support a 'default-deny-all' policy")
  void defaultDenyAll() {
    NetworkPolicy denyAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """);
    assertMatrix(
        compute(80, TCP, denyAll),
        table(
            """
            x/a X   X   X   X   X   X   X   X   X
            x/b X   X   X   X   X   X   X   X   X
            x/c X   X   X   X   X   X   X   X   X
            y/a X   X   X   .   .   .   .   .   .
            y/b X   X   X   .   .   .   .   .   .
            y/c X   X   X   .   .   .   .   .   .
            z/a X   X   X   .   .   .   .   .   .
            z/b X   X   X   .   .   .   .   .   .
            z/c X   X   X   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName(
      "should enforce policy to allow traffic from pods within server namespace based on"
          + " PodSelector")
  void podSelectorWithinServerNamespace() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: x-a-allows-x-b, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - podSelector: {matchLabels: {pod: b}}
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_ONLY_FROM_X_B));
  }

  @Test
  @DisplayName("should enforce policy to allow ingress traffic for a target")
  void allowIngressForTargetOverDenyAll() {
    NetworkPolicy allowAllToA =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all-to-a, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - podSelector: {}
                      namespaceSelector: {}
            """);
    assertMatrix(
        compute(80, TCP, DENY_INGRESS_X, allowAllToA),
        table(
            """
            x/a .   X   X   .   .   .   .   .   .
            x/b .   X   X   .   .   .   .   .   .
            x/c .   X   X   .   .   .   .   .   .
            y/a .   X   X   .   .   .   .   .   .
            y/b .   X   X   .   .   .   .   .   .
            y/c .   X   X   .   .   .   .   .   .
            z/a .   X   X   .   .   .   .   .   .
            z/b .   X   X   .   .   .   .   .   .
            z/c .   X   X   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName("should enforce policy to allow ingress traffic from pods in all namespaces")
  void emptyNamespaceSelectorAllowsAllNamespaces() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-from-another-ns, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {}
            """);
    assertMatrix(compute(80, TCP, policy), allAllowed());
  }

  @Test
  @DisplayName(
      "should enforce policy to allow traffic only from a different namespace, based on"
          + " NamespaceSelector")
  void namespaceSelectorMatchLabels() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-ns-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_ONLY_FROM_NAMESPACE_Y));
  }

  @Test
  @DisplayName("should enforce policy based on PodSelector with MatchExpressions")
  void podSelectorMatchExpressions() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: x-a-allows-x-b, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - podSelector:
                        matchExpressions: [{key: pod, operator: In, values: [b]}]
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_ONLY_FROM_X_B));
  }

  @Test
  @DisplayName("should enforce policy based on NamespaceSelector with MatchExpressions")
  void namespaceSelectorMatchExpressions() {
    NetworkPolicy policy =
        policy(
            """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ns-y-match-selector, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress:
    - from:
        - namespaceSelector:
            matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [y]}]
""");
    assertMatrix(compute(80, TCP, policy), table(X_A_ONLY_FROM_NAMESPACE_Y));
  }

  @Test
  @DisplayName("should enforce policy based on PodSelector or NamespaceSelector (OR: two peers)")
  void podSelectorOrNamespaceSelector() {
    NetworkPolicy policy =
        policy(
            """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ns-y-match-selector, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress:
    - from:
        - namespaceSelector:
            matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]
        - podSelector: {matchLabels: {pod: b}}
""");
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   .   .   .   .   .   .   .   .
            x/b .   .   .   .   .   .   .   .   .
            x/c X   .   .   .   .   .   .   .   .
            y/a .   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c .   .   .   .   .   .   .   .   .
            z/a .   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c .   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName("should enforce policy based on PodSelector and NamespaceSelector (AND: one peer)")
  void podSelectorAndNamespaceSelector() {
    NetworkPolicy policy =
        policy(
            """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ns-y-podselector-and-nsselector, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress:
    - from:
        - namespaceSelector:
            matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]
          podSelector: {matchLabels: {pod: b}}
""");
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   .   .   .   .   .   .   .   .
            x/b X   .   .   .   .   .   .   .   .
            x/c X   .   .   .   .   .   .   .   .
            y/a X   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c X   .   .   .   .   .   .   .   .
            z/a X   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c X   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName("should enforce policy based on Multiple PodSelectors and NamespaceSelectors")
  void multiplePodSelectorsAndNamespaceSelectors() {
    NetworkPolicy policy =
        policy(
            """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ns-y-z-pod-b-c, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  ingress:
    - from:
        - namespaceSelector:
            matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [x]}]
          podSelector:
            matchExpressions: [{key: pod, operator: In, values: [b, c]}]
""");
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   .   .   .   .   .   .   .   .
            x/b X   .   .   .   .   .   .   .   .
            x/c X   .   .   .   .   .   .   .   .
            y/a X   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c .   .   .   .   .   .   .   .   .
            z/a X   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c .   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName("should enforce policy based on any PodSelectors")
  void anyPodSelectors() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-ns-x-pod-b-c, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - podSelector: {matchLabels: {pod: b}}
                    - podSelector: {matchLabels: {pod: c}}
            """);
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   .   .   .   .   .   .   .   .
            x/b .   .   .   .   .   .   .   .   .
            x/c .   .   .   .   .   .   .   .   .
            y/a X   .   .   .   .   .   .   .   .
            y/b X   .   .   .   .   .   .   .   .
            y/c X   .   .   .   .   .   .   .   .
            z/a X   .   .   .   .   .   .   .   .
            z/b X   .   .   .   .   .   .   .   .
            z/c X   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName(
      "should enforce policy to allow traffic only from a pod in a different namespace based on"
          + " PodSelector and NamespaceSelector")
  void podInDifferentNamespace() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-ns-y-pod-a-via-namespace-pod-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
                      podSelector: {matchLabels: {pod: a}}
            """);
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   .   .   .   .   .   .   .   .
            x/b X   .   .   .   .   .   .   .   .
            x/c X   .   .   .   .   .   .   .   .
            y/a .   .   .   .   .   .   .   .   .
            y/b X   .   .   .   .   .   .   .   .
            y/c X   .   .   .   .   .   .   .   .
            z/a X   .   .   .   .   .   .   .   .
            z/b X   .   .   .   .   .   .   .   .
            z/c X   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName("should deny ingress from pods on other namespaces")
  void denyIngressFromOtherNamespaces() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-empty-policy, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - from:
                    - podSelector: {}
            """);
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a .   .   .   .   .   .   .   .   .
            x/b .   .   .   .   .   .   .   .   .
            x/c .   .   .   .   .   .   .   .   .
            y/a X   X   X   .   .   .   .   .   .
            y/b X   X   X   .   .   .   .   .   .
            y/c X   X   X   .   .   .   .   .   .
            z/a X   X   X   .   .   .   .   .   .
            z/b X   X   X   .   .   .   .   .   .
            z/c X   X   X   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName(
      "should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using"
          + " default ns label")
  void defaultNamespaceLabel() {
    // The standard model's own ns=y label is not used: only the label the API server adds.
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-ns-selector-for-immutable-ns-label, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
            """);
    ClusterModel withoutNsLabels = StandardModel.create();
    for (String ns : StandardModel.NAMESPACES) {
      withoutNsLabels = NetpolFixtures.withNamespaceLabels(withoutNsLabels, ns, java.util.Map.of());
    }
    assertMatrix(compute(withoutNsLabels, 80, TCP, policy), table(X_A_ONLY_FROM_NAMESPACE_Y));
  }

  @Test
  @DisplayName("should allow ingress access from updated namespace")
  void updatedNamespaceLabel() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-ns-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {ns2: updated}}
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_NO_INGRESS));
    ClusterModel labelled =
        NetpolFixtures.withNamespaceLabels(
            StandardModel.create(), "y", java.util.Map.of("ns", "y", "ns2", "updated"));
    assertMatrix(compute(labelled, 80, TCP, policy), table(X_A_ONLY_FROM_NAMESPACE_Y));
  }

  @Test
  @DisplayName("should allow ingress access from updated pod")
  void updatedPodLabel() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-pod-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - podSelector: {matchLabels: {pod: b, pod2: updated}}
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_NO_INGRESS));
    ClusterModel labelled =
        NetpolFixtures.withPodLabels(
            StandardModel.create(), "x/b", java.util.Map.of("pod", "b", "pod2", "updated"));
    assertMatrix(compute(labelled, 80, TCP, policy), table(X_A_ONLY_FROM_X_B));
  }

  @Test
  @DisplayName("should deny ingress access to updated pod")
  void denyIngressToUpdatedPod() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-ingress-via-label-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {target: isolated}}
              policyTypes: [Ingress]
            """);
    assertMatrix(compute(80, TCP, policy), allAllowed());
    ClusterModel labelled =
        NetpolFixtures.withPodLabels(
            StandardModel.create(), "x/a", java.util.Map.of("pod", "a", "target", "isolated"));
    assertMatrix(compute(labelled, 80, TCP, policy), table(X_A_NO_INGRESS));
  }

  @Test
  @DisplayName("should enforce updated policy (allow-all mutated to deny-all)")
  void updatedPolicy() {
    NetworkPolicy allowAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all-mutate-to-deny-all, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - {}
            """);
    assertMatrix(compute(81, TCP, allowAll), allAllowed());
    NetworkPolicy denyAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all-mutate-to-deny-all, namespace: x}
            spec:
              podSelector: {}
              ingress: []
            """);
    assertMatrix(compute(81, TCP, denyAll), table(X_ISOLATED_FOR_INGRESS));
  }

  @Test
  @DisplayName("should support allow-all policy")
  void allowAll() {
    NetworkPolicy allowAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - {}
            """);
    assertMatrix(compute(80, TCP, allowAll), allAllowed());
    assertMatrix(compute(81, TCP, allowAll), allAllowed());
  }

  @Test
  @DisplayName(
      "should enforce multiple ingress policies with ingress allow-all policy taking precedence")
  void allowAllIngressTakesPrecedence() {
    NetworkPolicy onlyPort80 =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-ingress-port-80, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - ports: [{port: 80}]
            """);
    assertMatrix(compute(81, TCP, onlyPort80), table(X_ISOLATED_FOR_INGRESS));
    NetworkPolicy allowAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-ingress, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - {}
            """);
    assertMatrix(compute(81, TCP, onlyPort80, allowAll), allAllowed());
  }

  @Test
  @DisplayName("should stop enforcing policies after they are deleted")
  void deletedPolicies() {
    assertMatrix(compute(80, TCP), allAllowed());
  }
}
