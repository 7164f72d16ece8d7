package io.grpcconformance.netpol;

import static io.grpcconformance.netpol.NetpolFixtures.assertMatrix;
import static io.grpcconformance.netpol.NetpolFixtures.policy;
import static io.grpcconformance.netpol.Protocol.TCP;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The policy shapes of our source material: the Kubernetes docs' {@code test-network-policy}
 * (role=db ingress from role=frontend pods, from namespaces labelled project=myproject and from
 * ipBlock 172.17.0.0/16 except 172.17.1.0/24 on TCP 6379; egress to 10.0.0.0/24 on TCP 5978) and
 * the docs' default-deny policies, on the standard model plus workload pods in {@code default} and
 * {@code myproject}.
 */
class SourceMaterialPoliciesTest {

  static final NetworkPolicy TEST_NETWORK_POLICY =
      policy(
          """
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata:
            name: test-network-policy
            namespace: default
          spec:
            podSelector:
              matchLabels:
                role: db
            policyTypes:
              - Ingress
              - Egress
            ingress:
              - from:
                  - ipBlock:
                      cidr: 172.17.0.0/16
                      except:
                        - 172.17.1.0/24
                  - namespaceSelector:
                      matchLabels:
                        project: myproject
                  - podSelector:
                      matchLabels:
                        role: frontend
                ports:
                  - protocol: TCP
                    port: 6379
            egress:
              - to:
                  - ipBlock:
                      cidr: 10.0.0.0/24
                ports:
                  - protocol: TCP
                    port: 5978
          """);

  /**
   * Standard pods plus default/db (role=db), default/frontend (role=frontend), default/other (no
   * role), myproject/client and elsewhere/frontend (role=frontend in another namespace). Extra pods
   * get 10.0.0.10.. in namespace/name order: default/db .10, default/frontend .11, default/other
   * .12, elsewhere/frontend .13, myproject/client .14.
   */
  static ClusterModel model() {
    return StandardModel.extend(
        IpFamily.IPV4,
        List.of(new NamespaceInfo("myproject", Map.of("project", "myproject"))),
        List.of(
            pod("default", "db", Map.of("role", "db"), new PodPort("redis", 6379, TCP)),
            pod("default", "frontend", Map.of("role", "frontend")),
            pod("default", "other", Map.of("app", "other")),
            pod("myproject", "client", Map.of("app", "client")),
            pod("elsewhere", "frontend", Map.of("role", "frontend"))));
  }

  private static PodInfo pod(String ns, String name, Map<String, String> labels, PodPort... ports) {
    return new PodInfo(ns, name, labels, "0.0.0.0", List.of(ports));
  }

  private final ReachabilityEngine engine =
      new ReachabilityEngine(model(), List.of(TEST_NETWORK_POLICY));

  @Test
  @DisplayName("the model assigns the documented fake IPs")
  void fakeIps() {
    assertThat(model().pod("default/db").orElseThrow().ip()).isEqualTo("10.0.0.10");
    assertThat(model().pod("myproject/client").orElseThrow().ip()).isEqualTo("10.0.0.14");
    assertThat(model().pod("y/b").orElseThrow().ip()).isEqualTo("172.17.1.11");
  }

  @Test
  @DisplayName(
      "role=db admits role=frontend pods of its own namespace only (peer without"
          + " namespaceSelector)")
  void frontendPodSelector() {
    assertThat(engine.allowed("default/frontend", "default/db", 6379, TCP)).isTrue();
    assertThat(engine.allowed("elsewhere/frontend", "default/db", 6379, TCP)).isFalse();
    assertThat(engine.allowed("default/other", "default/db", 6379, TCP)).isFalse();
  }

  @Test
  @DisplayName("role=db admits every pod of a namespace labelled project=myproject")
  void projectNamespaceSelector() {
    assertThat(engine.allowed("myproject/client", "default/db", 6379, TCP)).isTrue();
    ClusterModel unlabelled = NetpolFixtures.withNamespaceLabels(model(), "myproject", Map.of());
    assertThat(
            new ReachabilityEngine(unlabelled, List.of(TEST_NETWORK_POLICY))
                .allowed("myproject/client", "default/db", 6379, TCP))
        .isFalse();
  }

  @Test
  @DisplayName(
      "role=db admits 172.17.0.0/16 except 172.17.1.0/24 (x admitted, y excepted, z outside)")
  void ipBlockWithExcept() {
    assertThat(engine.allowed("x/a", "default/db", 6379, TCP)).isTrue();
    assertThat(engine.allowed("y/a", "default/db", 6379, TCP)).isFalse();
    assertThat(engine.allowed("z/a", "default/db", 6379, TCP)).isFalse();
    Verdict excepted = engine.verdict(modelPod("y/a"), modelPod("default/db"), 6379, TCP);
    assertThat(excepted.ingress().selectingPolicies())
        .containsExactly("default/test-network-policy");
    assertThat(excepted.ingress().allowingPolicies()).isEmpty();
    assertThat(excepted.egress().isolated()).isFalse();
  }

  @Test
  @DisplayName(
      "role=db only admits TCP 6379: other ports and UDP are blocked even from role=frontend")
  void otherPortsBlocked() {
    assertThat(engine.allowed("default/frontend", "default/db", 80, TCP)).isFalse();
    assertThat(engine.allowed("default/frontend", "default/db", 6379, Protocol.UDP)).isFalse();
  }

  @Test
  @DisplayName("role=db may only connect to 10.0.0.0/24 on TCP 5978")
  void egressToCidrOnPort() {
    assertThat(engine.allowed("default/db", "default/frontend", 5978, TCP)).isTrue();
    assertThat(engine.allowed("default/db", "myproject/client", 5978, TCP)).isTrue();
    assertThat(engine.allowed("default/db", "x/a", 5978, TCP)).isFalse();
    assertThat(engine.allowed("default/db", "default/frontend", 80, TCP)).isFalse();
  }

  @Test
  @DisplayName("the docs policy leaves every pod it does not select open (14x14 matrix on 6379)")
  void fullMatrix() {
    assertMatrix(
        engine.matrix(6379, TCP),
        Matrix.parseTable(
            """
-                  x/a x/b x/c y/a y/b y/c z/a z/b z/c default/db default/frontend default/other elsewhere/frontend myproject/client
x/a                .   .   .   .   .   .   .   .   .   .          .                .             .                  .
x/b                .   .   .   .   .   .   .   .   .   .          .                .             .                  .
x/c                .   .   .   .   .   .   .   .   .   .          .                .             .                  .
y/a                .   .   .   .   .   .   .   .   .   X          .                .             .                  .
y/b                .   .   .   .   .   .   .   .   .   X          .                .             .                  .
y/c                .   .   .   .   .   .   .   .   .   X          .                .             .                  .
z/a                .   .   .   .   .   .   .   .   .   X          .                .             .                  .
z/b                .   .   .   .   .   .   .   .   .   X          .                .             .                  .
z/c                .   .   .   .   .   .   .   .   .   X          .                .             .                  .
default/db         X   X   X   X   X   X   X   X   X   X          X                X             X                  X
default/frontend   .   .   .   .   .   .   .   .   .   .          .                .             .                  .
default/other      .   .   .   .   .   .   .   .   .   X          .                .             .                  .
elsewhere/frontend .   .   .   .   .   .   .   .   .   X          .                .             .                  .
myproject/client   .   .   .   .   .   .   .   .   .   .          .                .             .                  .
"""));
  }

  @Test
  @DisplayName(
      "docs default-deny-ingress plus test-network-policy: only db keeps its allowed sources")
  void defaultDenyIngressAdditive() {
    NetworkPolicy denyIngress =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-ingress, namespace: default}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """);
    ReachabilityEngine both =
        new ReachabilityEngine(model(), List.of(TEST_NETWORK_POLICY, denyIngress));
    assertThat(both.allowed("default/frontend", "default/db", 6379, TCP)).isTrue();
    assertThat(both.allowed("x/a", "default/db", 6379, TCP)).isTrue();
    assertThat(both.allowed("x/a", "default/frontend", 6379, TCP)).isFalse();
    assertThat(both.allowed("default/db", "default/other", 5978, TCP)).isFalse();
    assertThat(both.allowed("default/frontend", "x/a", 80, TCP)).isTrue();
  }

  @Test
  @DisplayName("docs default-deny-egress, then allow DNS: only UDP and TCP 53 to kube-dns leave x")
  void denyAllWithAllowDns() {
    ClusterModel withDns =
        StandardModel.extend(
            IpFamily.IPV4,
            List.of(),
            List.of(
                new PodInfo(
                    "kube-system",
                    "coredns",
                    Map.of("k8s-app", "kube-dns"),
                    "0.0.0.0",
                    List.of(
                        new PodPort("dns", 53, Protocol.UDP), new PodPort("dns-tcp", 53, TCP)))));
    NetworkPolicy denyAll =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-all, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            """);
    NetworkPolicy allowDns =
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: allow-dns, namespace: x}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
                - to:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                      podSelector: {matchLabels: {k8s-app: kube-dns}}
                  ports:
                    - {protocol: UDP, port: 53}
                    - {protocol: TCP, port: 53}
            """);
    ReachabilityEngine denied = new ReachabilityEngine(withDns, List.of(denyAll));
    ReachabilityEngine dns = new ReachabilityEngine(withDns, List.of(denyAll, allowDns));
    assertThat(denied.allowed("x/a", "kube-system/coredns", 53, Protocol.UDP)).isFalse();
    assertThat(dns.allowed("x/a", "kube-system/coredns", 53, Protocol.UDP)).isTrue();
    assertThat(dns.allowed("x/a", "kube-system/coredns", 53, TCP)).isTrue();
    assertThat(dns.allowed("x/a", "kube-system/coredns", 80, TCP)).isFalse();
    assertThat(dns.allowed("x/a", "y/a", 53, Protocol.UDP)).isFalse();
    assertThat(dns.allowed("y/a", "kube-system/coredns", 53, Protocol.UDP)).isTrue();
    Matrix port80 = dns.matrix(80, TCP);
    for (String pod : port80.pods()) {
      assertThat(port80.allowed("x/b", pod)).as("x/b -> " + pod).isFalse();
      assertThat(port80.allowed(pod, "x/c")).as(pod + " -> x/c").isFalse();
    }
  }

  private static PodInfo modelPod(String key) {
    return model().pod(key).orElseThrow();
  }
}
