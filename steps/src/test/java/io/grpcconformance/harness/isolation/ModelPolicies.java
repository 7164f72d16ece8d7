package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;

/** Policies written for the model, shared by the tests. */
final class ModelPolicies {

  private ModelPolicies() {}

  static final String DENY_INGRESS_X =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: deny-ingress
        namespace: x
      spec:
        podSelector: {}
        policyTypes: [Ingress]
      """;

  /** x/a admits only pods b of namespace y: namespaceSelector AND podSelector in one peer. */
  static final String AND_PEER =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: and-peer
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
            podSelector:
              matchLabels:
                pod: b
      """;

  /** x/a admits all of namespace y OR pods b anywhere in x: two peers. */
  static final String OR_PEERS =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: or-peers
        namespace: x
      spec:
        podSelector:
          matchLabels:
            pod: a
        ingress:
        - from:
          - namespaceSelector:
              matchExpressions:
              - key: kubernetes.io/metadata.name
                operator: In
                values: ["y"]
          - podSelector:
              matchLabels:
                pod: b
      """;

  /** y/c admits port 81 from x/a only, by its IP. */
  static final String IP_BLOCK_PORT_81 =
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: from-x-a-ip
        namespace: "y"
      spec:
        podSelector:
          matchLabels:
            pod: c
        ingress:
        - from:
          - ipBlock:
              cidr: ${ip:x/a}/32
          ports:
          - port: serve-81-tcp
      """;

  static List<NetworkPolicy> parse(String yaml, Map<String, String> ips) {
    return PolicyText.parse("test policy", yaml, ips, "x");
  }
}
