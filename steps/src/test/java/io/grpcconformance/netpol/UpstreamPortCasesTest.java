package io.grpcconformance.netpol;

import static io.grpcconformance.netpol.NetpolFixtures.allAllowed;
import static io.grpcconformance.netpol.NetpolFixtures.assertMatrix;
import static io.grpcconformance.netpol.NetpolFixtures.compute;
import static io.grpcconformance.netpol.NetpolFixtures.policy;
import static io.grpcconformance.netpol.NetpolFixtures.table;
import static io.grpcconformance.netpol.Protocol.SCTP;
import static io.grpcconformance.netpol.Protocol.TCP;
import static io.grpcconformance.netpol.Protocol.UDP;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Port, named-port and protocol cases of upstream {@code network_policy.go}, as full 9x9 tables.
 */
class UpstreamPortCasesTest {

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

  private static final NetworkPolicy ALLOW_Y_TO_X_A_ON_81 =
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
                ports:
                  - {port: 81, protocol: TCP}
          """);

  @Test
  @DisplayName("should enforce policy based on Ports")
  void ports() {
    assertMatrix(compute(81, TCP, ALLOW_Y_TO_X_A_ON_81), table(X_A_ONLY_FROM_NAMESPACE_Y));
    // A port other than the allowed one: x/a is isolated and admits nothing on 80.
    assertMatrix(compute(80, TCP, ALLOW_Y_TO_X_A_ON_81), table(X_A_NO_INGRESS));
  }

  @Test
  @DisplayName("should enforce multiple, stacked policies with overlapping podSelectors")
  void stackedPoliciesUnion() {
    NetworkPolicy allow80 =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-ns-selector-80, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
                  ports:
                    - {port: 80, protocol: TCP}
            """);
    assertMatrix(compute(80, TCP, ALLOW_Y_TO_X_A_ON_81, allow80), table(X_A_ONLY_FROM_NAMESPACE_Y));
    assertMatrix(compute(81, TCP, ALLOW_Y_TO_X_A_ON_81, allow80), table(X_A_ONLY_FROM_NAMESPACE_Y));
  }

  @Test
  @DisplayName("should allow ingress access on one named port")
  void ingressNamedPort() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-all, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - ports: [{port: serve-81-tcp}]
            """);
    assertMatrix(compute(81, TCP, policy), allAllowed());
    assertMatrix(compute(80, TCP, policy), table(X_ISOLATED_FOR_INGRESS));
  }

  @Test
  @DisplayName("should allow ingress access from namespace on one named port")
  void ingressNamedPortFromNamespace() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-client-a-via-ns-selector-80, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
                  ports:
                    - {port: serve-80-tcp, protocol: TCP}
            """);
    assertMatrix(compute(80, TCP, policy), table(X_A_ONLY_FROM_NAMESPACE_Y));
    assertMatrix(compute(81, TCP, policy), table(X_A_NO_INGRESS));
  }

  @Test
  @DisplayName("should allow egress access on one named port")
  void egressNamedPortResolvesOnDestination() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-egress, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
                - ports: [{port: serve-80-tcp}]
            """);
    assertMatrix(compute(80, TCP, policy), allAllowed());
    assertMatrix(compute(81, TCP, policy), table(X_ISOLATED_FOR_EGRESS));
  }

  @Test
  @DisplayName(
      "should enforce ingress policy allowing any port traffic to a server on a specific protocol")
  void protocolWithoutPort() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-ingress-by-proto, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - ports: [{protocol: TCP}]
            """);
    assertMatrix(compute(80, TCP, policy), allAllowed());
    assertMatrix(compute(80, UDP, policy), table(X_A_NO_INGRESS));
  }

  @Test
  @DisplayName(
      "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't"
          + " support SCTP")
  void sctpIsNotTcp() {
    NetworkPolicy denyIngress =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-ingress, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """);
    NetworkPolicy sctpOnly =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-only-sctp-ingress-on-port-81, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - ports: [{port: 81, protocol: SCTP}]
            """);
    assertMatrix(compute(81, TCP, denyIngress, sctpOnly), table(X_ISOLATED_FOR_INGRESS));
  }

  @Test
  @DisplayName(
      "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin"
          + " doesn't support SCTP")
  void sctpPolicyIsolatesForTcp() {
    NetworkPolicy sctpOnly =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-only-sctp-ingress-on-port-80, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - ports: [{port: 80, protocol: SCTP}]
            """);
    assertMatrix(compute(81, TCP, sctpOnly), table(X_A_NO_INGRESS));
    // ...while SCTP on 80 itself is admitted from everywhere.
    assertMatrix(compute(80, SCTP, sctpOnly), allAllowed());
  }

  @Test
  @DisplayName("should not allow access by TCP when a policy specifies only UDP")
  void udpIsNotTcp() {
    NetworkPolicy udpOnly =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-only-udp-ingress-on-port-81, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - ports: [{port: 81, protocol: UDP}]
            """);
    assertMatrix(compute(81, TCP, udpOnly), table(X_A_NO_INGRESS));
  }

  @Test
  @DisplayName("UDP: should enforce policy based on Ports")
  void udpPorts() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-ingress-on-port-81-ns-x, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}
                  ports:
                    - {port: 81, protocol: UDP}
            """);
    assertMatrix(compute(81, UDP, policy), table(X_A_ONLY_FROM_NAMESPACE_Y));
    assertMatrix(compute(81, TCP, policy), table(X_A_NO_INGRESS));
  }

  @Test
  @DisplayName(
      "endPort: a numeric port with endPort admits the whole range, inclusive (cyclonus end-port)")
  void endPortRange() {
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-80-to-81, namespace: x}
            spec:
              podSelector: {}
              ingress:
                - from:
                    - namespaceSelector: {matchLabels: {ns: y}}
                  ports:
                    - {port: 80, endPort: 81}
            """);
    String onlyFromY =
        """
        x/a X   X   X   .   .   .   .   .   .
        x/b X   X   X   .   .   .   .   .   .
        x/c X   X   X   .   .   .   .   .   .
        y/a .   .   .   .   .   .   .   .   .
        y/b .   .   .   .   .   .   .   .   .
        y/c .   .   .   .   .   .   .   .   .
        z/a X   X   X   .   .   .   .   .   .
        z/b X   X   X   .   .   .   .   .   .
        z/c X   X   X   .   .   .   .   .   .
        """;
    assertMatrix(compute(80, TCP, policy), table(onlyFromY));
    assertMatrix(compute(81, TCP, policy), table(onlyFromY));
    assertMatrix(compute(82, TCP, policy), table(X_ISOLATED_FOR_INGRESS));
    assertMatrix(compute(79, TCP, policy), table(X_ISOLATED_FOR_INGRESS));
  }
}
