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
 * Egress and ipBlock cases of upstream {@code network_policy.go}, as full 9x9 tables. The ipBlock
 * CIDRs are built from the standard model's fake pod IPs exactly as upstream builds them from real
 * ones (x/a 172.17.0.10, x/b 172.17.0.11, y/b 172.17.1.11).
 */
class UpstreamEgressCasesTest {

  private static final String X_A_NO_EGRESS =
      """
      x/a X   X   X   X   X   X   X   X   X
      x/b .   .   .   .   .   .   .   .   .
      x/c .   .   .   .   .   .   .   .   .
      y/a .   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c .   .   .   .   .   .   .   .   .
      z/a .   .   .   .   .   .   .   .   .
      z/b .   .   .   .   .   .   .   .   .
      z/c .   .   .   .   .   .   .   .   .
      """;

  private static final String X_ISOLATED_FOR_EGRESS =
      """
      x/a X   X   X   X   X   X   X   X   X
      x/b X   X   X   X   X   X   X   X   X
      x/c X   X   X   X   X   X   X   X   X
      y/a .   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c .   .   .   .   .   .   .   .   .
      z/a .   .   .   .   .   .   .   .   .
      z/b .   .   .   .   .   .   .   .   .
      z/c .   .   .   .   .   .   .   .   .
      """;

  private static final String ONLY_X_A_TO_X_B_BLOCKED =
      """
      x/a .   X   .   .   .   .   .   .   .
      x/b .   .   .   .   .   .   .   .   .
      x/c .   .   .   .   .   .   .   .   .
      y/a .   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c .   .   .   .   .   .   .   .   .
      z/a .   .   .   .   .   .   .   .   .
      z/b .   .   .   .   .   .   .   .   .
      z/c .   .   .   .   .   .   .   .   .
      """;

  @Test
  @DisplayName("should deny egress from pods based on PodSelector")
  void denyEgressPodSelector() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-egress-pod-a, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress]
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_NO_EGRESS));
  }

  @Test
  @DisplayName("should deny egress from all pods in a namespace (default-deny-egress)")
  void denyEgressNamespace() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-egress-ns-x, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Egress]
            """);
    assertMatrix(compute(80, TCP, policy), table(X_ISOLATED_FOR_EGRESS));
  }

  @Test
  @DisplayName("should work with Ingress, Egress specified together")
  void ingressAndEgressTogether() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-pod-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress, Ingress]
              ingress:
                - from:
                    - podSelector: {matchLabels: {pod: b}}
              egress:
                - ports: [{port: 80}]
            """);
    assertMatrix(
        compute(80, TCP, policy),
        table(
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
            """));
    assertMatrix(
        compute(81, TCP, policy),
        table(
            """
            x/a X   X   X   X   X   X   X   X   X
            x/b .   .   .   .   .   .   .   .   .
            x/c X   .   .   .   .   .   .   .   .
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
      "should support denying of egress traffic on the client side (even if the server explicitly"
          + " allows this traffic)")
  void clientSideEgressDeny() {
    NetworkPolicy egress =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-to-ns-y-pod-a, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress]
              egress:
                - to:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
                      podSelector: {matchLabels: {pod: a}}
            """);
    String fromXa =
        """
          podSelector: {matchLabels: {pod: %s}}
          ingress:
            - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: x}}
                  podSelector: {matchLabels: {pod: a}}
        """;
    NetworkPolicy ingressYa =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-from-xa-on-ya-match-selector, namespace: y}
            spec:
            """
                + fromXa.formatted("a"));
    NetworkPolicy ingressYb =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-from-xa-on-yb-match-selector, namespace: y}
            spec:
            """
                + fromXa.formatted("b"));
    // The "Expected results" table of the upstream test's comment.
    assertMatrix(
        compute(80, TCP, egress, ingressYa, ingressYb),
        table(
            """
            x/a X   X   X   .   X   X   X   X   X
            x/b .   .   .   X   X   .   .   .   .
            x/c .   .   .   X   X   .   .   .   .
            y/a .   .   .   X   X   .   .   .   .
            y/b .   .   .   X   X   .   .   .   .
            y/c .   .   .   X   X   .   .   .   .
            z/a .   .   .   X   X   .   .   .   .
            z/b .   .   .   X   X   .   .   .   .
            z/c .   .   .   X   X   .   .   .   .
            """));
  }

  @Test
  @DisplayName(
      "should enforce egress policy allowing traffic to a server in a different namespace based on"
          + " PodSelector and NamespaceSelector")
  void egressToPodInOtherNamespace() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-to-ns-y-pod-a, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress]
              egress:
                - to:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
                      podSelector: {matchLabels: {pod: a}}
            """);
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   X   X   .   X   X   X   X   X
            x/b .   .   .   .   .   .   .   .   .
            x/c .   .   .   .   .   .   .   .   .
            y/a .   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c .   .   .   .   .   .   .   .   .
            z/a .   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c .   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName(
      "should enforce multiple egress policies with egress allow-all policy taking precedence")
  void allowAllEgressTakesPrecedence() {
    NetworkPolicy onlyPort80 =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-egress-port-80, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
                - ports: [{port: 80}]
            """);
    assertMatrix(compute(81, TCP, onlyPort80), table(X_ISOLATED_FOR_EGRESS));
    NetworkPolicy allowAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-egress, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
                - {}
            """);
    assertMatrix(compute(81, TCP, onlyPort80, allowAll), allAllowed());
  }

  @Test
  @DisplayName(
      "should enforce policies to check ingress and egress policies can be controlled independently"
          + " based on PodSelector")
  void ingressAndEgressIndependent() {
    NetworkPolicy allowEgress =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-egress-for-target, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress]
              egress:
                - {}
            """);
    assertMatrix(compute(80, TCP, allowEgress), allAllowed());
    NetworkPolicy denyIngress =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-ingress-via-label-selector, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Ingress]
            """);
    assertMatrix(
        compute(80, TCP, allowEgress, denyIngress),
        table(
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
            """));
  }

  @Test
  @DisplayName(
      "should enforce policy based on NamespaceSelector with MatchExpressions using default ns"
          + " label")
  void egressNamespaceNotIn() {
    NetworkPolicy policy =
        policy(
            """
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-ns-y-match-selector-for-immutable-ns-label, namespace: x}
spec:
  podSelector: {matchLabels: {pod: a}}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [y]}]
""");
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a .   .   .   X   X   X   .   .   .
            x/b .   .   .   .   .   .   .   .   .
            x/c .   .   .   .   .   .   .   .   .
            y/a .   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c .   .   .   .   .   .   .   .   .
            z/a .   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c .   .   .   .   .   .   .   .   .
            """));
  }

  @Test
  @DisplayName("should allow egress access to server in CIDR block")
  void egressToCidr() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress]
              egress:
                - to:
                    - ipBlock: {cidr: 172.17.1.11/32}
            """);
    assertMatrix(
        compute(80, TCP, policy),
        table(
            """
            x/a X   X   X   X   .   X   X   X   X
            x/b .   .   .   .   .   .   .   .   .
            x/c .   .   .   .   .   .   .   .   .
            y/a .   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c .   .   .   .   .   .   .   .   .
            z/a .   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c .   .   .   .   .   .   .   .   .
            """));
  }

  private static final NetworkPolicy CIDR_WITH_EXCEPT =
      policy(
          """
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: x}
          spec:
            podSelector: {matchLabels: {pod: a}}
            policyTypes: [Egress]
            egress:
              - to:
                  - ipBlock:
                      cidr: 172.17.0.10/4
                      except: [172.17.0.11/32]
          """);

  @Test
  @DisplayName("should enforce except clause while egress access to server in CIDR block")
  void egressCidrExcept() {
    assertMatrix(compute(80, TCP, CIDR_WITH_EXCEPT), table(ONLY_X_A_TO_X_B_BLOCKED));
  }

  @Test
  @DisplayName("should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed")
  void ipInCidrAndExcept() {
    assertMatrix(compute(80, TCP, CIDR_WITH_EXCEPT), table(ONLY_X_A_TO_X_B_BLOCKED));
    // Upstream updates the same-named policy to allow only x/b's IP.
    NetworkPolicy replaced =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-cidr-egress-rule, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              policyTypes: [Egress]
              egress:
                - to:
                    - ipBlock: {cidr: 172.17.0.11/32}
            """);
    assertMatrix(
        compute(80, TCP, replaced),
        table(
            """
            x/a X   .   X   X   X   X   X   X   X
            x/b .   .   .   .   .   .   .   .   .
            x/c .   .   .   .   .   .   .   .   .
            y/a .   .   .   .   .   .   .   .   .
            y/b .   .   .   .   .   .   .   .   .
            y/c .   .   .   .   .   .   .   .   .
            z/a .   .   .   .   .   .   .   .   .
            z/b .   .   .   .   .   .   .   .   .
            z/c .   .   .   .   .   .   .   .   .
            """));
    // Kept side by side under different names, the two policies union: x/b is allowed again.
    NetworkPolicy second =
        new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder(replaced)
            .editMetadata()
            .withName("allow-x-b-ip")
            .endMetadata()
            .build();
    assertMatrix(compute(80, TCP, CIDR_WITH_EXCEPT, second), allAllowed());
  }
}
