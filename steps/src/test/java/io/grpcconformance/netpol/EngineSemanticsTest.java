package io.grpcconformance.netpol;

import static io.grpcconformance.netpol.NetpolFixtures.policy;
import static io.grpcconformance.netpol.Protocol.TCP;
import static io.grpcconformance.netpol.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Spec rules beyond the upstream cases: defaulting, named ports, IPv6 ipBlocks, explanations. */
class EngineSemanticsTest {

  private static ReachabilityEngine engine(NetworkPolicy... policies) {
    return new ReachabilityEngine(StandardModel.create(), List.of(policies));
  }

  @Test
  @DisplayName(
      "without policyTypes, egress rules make the policy Ingress AND Egress (ingress isolated too)")
  void policyTypesDefaulting() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: egress-rules-only, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  egress:
                    - to: [{podSelector: {}}]
                """));
    assertThat(engine.allowed("x/a", "x/b", 80, TCP)).isTrue();
    assertThat(engine.allowed("x/a", "y/b", 80, TCP)).isFalse();
    assertThat(engine.allowed("x/b", "x/a", 80, TCP))
        .as("ingress isolated by defaulting")
        .isFalse();
  }

  @Test
  @DisplayName("explicit policyTypes win: ingress rules of an Egress-only policy are ignored")
  void explicitPolicyTypes() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: egress-only, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Egress]
                  ingress:
                    - from: [{podSelector: {matchLabels: {pod: b}}}]
                  egress:
                    - {}
                """));
    assertThat(engine.allowed("y/c", "x/a", 80, TCP)).isTrue();
    assertThat(engine.verdict(pod("y/c"), pod("x/a"), 80, TCP).ingress().isolated()).isFalse();
  }

  @Test
  @DisplayName(
      "a policy without spec or podSelector selects every pod of its namespace for ingress")
  void missingSpecIsDefaultDeny() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: empty, namespace: y}
                """));
    assertThat(engine.allowed("x/a", "y/a", 80, TCP)).isFalse();
    assertThat(engine.allowed("y/a", "x/a", 80, TCP)).isTrue();
  }

  @Test
  @DisplayName("a policy without namespace is in default and selects nothing of x, y, z")
  void policyWithoutNamespace() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny}
                spec: {podSelector: {}}
                """));
    assertThat(engine.matrix(80, TCP).allowedCount()).isEqualTo(81);
    assertThat(engine.policiesSelectingNoPod()).containsExactly("default/deny");
  }

  @Test
  @DisplayName("a rule with ports but no from admits every source on those ports")
  void portsWithoutPeers() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: only-81, namespace: z}
                spec:
                  podSelector: {}
                  ingress:
                    - ports: [{port: 81}]
                """));
    assertThat(engine.allowed("x/a", "z/b", 81, TCP)).isTrue();
    assertThat(engine.allowed("x/a", "z/b", 80, TCP)).isFalse();
  }

  @Test
  @DisplayName(
      "a named port matches only on destinations whose container port has that name, number and"
          + " protocol")
  void namedPortResolution() {
    ClusterModel model =
        StandardModel.extend(
            IpFamily.IPV4,
            List.of(),
            List.of(
                new PodInfo(
                    "x",
                    "grpc",
                    Map.of("pod", "grpc"),
                    "0.0.0.0",
                    List.of(new PodPort("serve-80-tcp", 8080, TCP)))));
    ReachabilityEngine engine =
        new ReachabilityEngine(
            model,
            List.of(
                policy(
                    """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: named, namespace: x}
                    spec:
                      podSelector: {}
                      ingress:
                        - ports: [{port: serve-80-tcp}]
                    """)));
    assertThat(engine.allowed("y/a", "x/a", 80, TCP)).isTrue();
    assertThat(engine.allowed("y/a", "x/grpc", 80, TCP)).as("x/grpc names 8080 so").isFalse();
    assertThat(engine.allowed("y/a", "x/grpc", 8080, TCP)).isTrue();
    assertThat(engine.allowed("y/a", "x/a", 8080, TCP)).isFalse();
  }

  @Test
  @DisplayName("a named port with another protocol than the container port's matches nothing")
  void namedPortProtocolMismatch() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: named-udp, namespace: x}
                spec:
                  podSelector: {}
                  ingress:
                    - ports: [{port: serve-80-tcp, protocol: UDP}]
                """));
    assertThat(engine.allowed("y/a", "x/a", 80, TCP)).isFalse();
    assertThat(engine.allowed("y/a", "x/a", 80, UDP)).isFalse();
  }

  @Test
  @DisplayName("egress named ports resolve on the destination pod, not on the source")
  void egressNamedPortOnDestination() {
    ClusterModel model =
        StandardModel.extend(
            IpFamily.IPV4,
            List.of(),
            List.of(
                new PodInfo(
                    "y",
                    "api",
                    Map.of("app", "api"),
                    "0.0.0.0",
                    List.of(new PodPort("grpc", 50051, TCP)))));
    ReachabilityEngine engine =
        new ReachabilityEngine(
            model,
            List.of(
                policy(
                    """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: to-grpc, namespace: x}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress:
                        - ports: [{port: grpc}]
                    """)));
    assertThat(engine.allowed("x/a", "y/api", 50051, TCP)).isTrue();
    assertThat(engine.allowed("x/a", "y/a", 50051, TCP)).isFalse();
    assertThat(engine.allowed("x/a", "y/api", 80, TCP)).isFalse();
  }

  @Test
  @DisplayName(
      "IPv6 ipBlock with except matches pods by their IPv6 address; IPv4 blocks never match them")
  void ipv6IpBlock() {
    ClusterModel model = StandardModel.create(IpFamily.IPV6);
    assertThat(model.pod("y/b").orElseThrow().ip()).isEqualTo("fd00:172:17:1::11");
    NetworkPolicy policy =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: v6, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
                - from:
                    - ipBlock: {cidr: "fd00:172:17::/48", except: ["fd00:172:17:1::/64"]}
                    - ipBlock: {cidr: 172.16.0.0/12}
            """);
    ReachabilityEngine engine = new ReachabilityEngine(model, List.of(policy));
    assertThat(engine.allowed("x/b", "x/a", 80, TCP)).isTrue();
    assertThat(engine.allowed("y/b", "x/a", 80, TCP)).isFalse();
    assertThat(engine.allowed("z/b", "x/a", 80, TCP)).isFalse();
  }

  @Test
  @DisplayName("namespaceSelector {} with a podSelector selects those pods in every namespace")
  void emptyNamespaceSelectorWithPodSelector() {
    ReachabilityEngine engine =
        engine(
            policy(
                """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: c-anywhere, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress:
                    - from: [{namespaceSelector: {}, podSelector: {matchLabels: {pod: c}}}]
                """));
    assertThat(engine.allowed("z/c", "x/a", 80, TCP)).isTrue();
    assertThat(engine.allowed("x/c", "x/a", 80, TCP)).isTrue();
    assertThat(engine.allowed("z/b", "x/a", 80, TCP)).isFalse();
  }

  @Test
  @DisplayName("the verdict names the isolating and the allowing policies of each direction")
  void verdictExplains() {
    NetworkPolicy deny =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: x}
            spec: {podSelector: {}}
            """);
    NetworkPolicy allowB =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-b, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]
            """);
    Verdict verdict = engine(deny, allowB).verdict(pod("x/b"), pod("x/a"), 80, TCP);
    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.ingress().selectingPolicies()).containsExactly("x/deny", "x/allow-b");
    assertThat(verdict.ingress().allowingPolicies()).containsExactly("x/allow-b");
    assertThat(verdict.egress().isolated()).isFalse();
  }

  @Test
  @DisplayName("the engine refuses a policy the API server would refuse, naming policy and field")
  void invalidPolicyRefused() {
    NetworkPolicy bad =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: x}
            spec:
              podSelector: {}
              ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]
            """);
    assertThatThrownBy(() -> engine(bad))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("x/bad")
        .hasMessageContaining("spec.ingress[0].from[0].ipBlock.cidr");
    assertThatThrownBy(() -> engine().matrix(0, TCP)).hasMessageContaining("port 0");
  }

  @Test
  @DisplayName("the engine keeps its own copy of the policies; pods need an IP literal")
  void engineIsIsolatedFromCallerMutation() {
    NetworkPolicy deny =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: x}
            spec: {podSelector: {matchLabels: {pod: a}}}
            """);
    ReachabilityEngine engine = engine(deny);
    deny.getSpec().getPodSelector().getMatchLabels().put("pod", "b");
    assertThat(engine.allowed("y/a", "x/a", 80, TCP)).isFalse();
    assertThat(engine.allowed("y/a", "x/b", 80, TCP)).isTrue();
    assertThatThrownBy(() -> new PodInfo("x", "d", Map.of(), "db.local", List.of()))
        .hasMessageContaining("db.local");
  }

  private static PodInfo pod(String key) {
    return StandardModel.create().pod(key).orElseThrow();
  }
}
