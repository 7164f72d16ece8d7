package io.grpcconformance.netpol;

import static io.grpcconformance.netpol.NetpolFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyValidatorTest {

  private static List<PolicyProblem> validateSpec(String spec) {
    return PolicyValidator.validate(
        policy(
            """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: x}
            spec:
            """
                + spec.indent(2)));
  }

  @Test
  void validPoliciesHaveNoProblems() {
    assertThat(
            validateSpec(
                """
podSelector: {matchExpressions: [{key: pod, operator: In, values: [a]}]}
policyTypes: [Ingress, Egress]
ingress:
  - from:
      - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}
      - namespaceSelector: {}
        podSelector: {matchLabels: {pod: b}}
    ports: [{port: 80, endPort: 90}, {port: serve-81-tcp, protocol: TCP}, {protocol: UDP}]
egress: [{}]
"""))
        .isEmpty();
    assertThat(PolicyValidator.validate(SourceMaterialPoliciesTest.TEST_NETWORK_POLICY)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
bad cidr           | ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/33}}]}]             | spec.ingress[0].from[0].ipBlock.cidr      | prefix length 33
cidr not an ip     | egress: [{to: [{ipBlock: {cidr: db.local/8}}]}]                  | spec.egress[0].to[0].ipBlock.cidr         | not an IP address
except outside     | ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/16]}}]}] | spec.ingress[0].from[0].ipBlock.except[0] | strict subset
except equal       | ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.0.0.0/8]}}]}] | spec.ingress[0].from[0].ipBlock.except[0] | strict subset
lower-case proto   | ingress: [{ports: [{port: 80, protocol: tcp}]}]                 | spec.ingress[0].ports[0].protocol         | unsupported value 'tcp'
unknown proto      | egress: [{ports: [{port: 80, protocol: ICMP}]}]                 | spec.egress[0].ports[0].protocol          | unsupported value 'ICMP'
port zero          | ingress: [{ports: [{port: 0}]}]                                  | spec.ingress[0].ports[0].port             | 0 is not between 1 and 65535
port too big       | ingress: [{}, {ports: [{port: 70000}]}]                          | spec.ingress[1].ports[0].port             | 70000 is not between 1 and 65535
endPort below      | ingress: [{ports: [{port: 81, endPort: 80}]}]                    | spec.ingress[0].ports[0].endPort          | greater than or equal to `port`
endPort named      | ingress: [{ports: [{port: serve-80-tcp, endPort: 90}]}]          | spec.ingress[0].ports[0].endPort          | non-numeric
endPort alone      | ingress: [{ports: [{endPort: 90}]}]                              | spec.ingress[0].ports[0].endPort          | not specified
digits port name   | ingress: [{ports: [{port: '80'}]}]                               | spec.ingress[0].ports[0].port             | at least one letter
long port name     | ingress: [{ports: [{port: a-very-long-port-name}]}]              | spec.ingress[0].ports[0].port             | 15 characters
upper port name    | ingress: [{ports: [{port: Serve}]}]                              | spec.ingress[0].ports[0].port             | lower-case
empty peer         | ingress: [{from: [{}]}]                                          | spec.ingress[0].from[0]                   | must specify a peer
ipBlock and pods   | egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}] | spec.egress[0].to[0]                      | both ipBlock and another peer
bad operator       | ingress: [{from: [{podSelector: {matchExpressions: [{key: a, operator: Equals, values: [b]}]}}]}] | spec.ingress[0].from[0].podSelector.matchExpressions[0].operator | Equals
bad policyType     | policyTypes: [Ingress, Egres]                                    | spec.policyTypes[1]                       | unsupported value 'Egres'
twice policyType   | policyTypes: [Ingress, Ingress]                                  | spec.policyTypes[1]                       | duplicate
""")
  void problemsNameFieldAndReason(String what, String specTail, String field, String reason) {
    List<PolicyProblem> problems = validateSpec("podSelector: {}\n" + specTail);
    assertThat(problems).as(what).hasSize(1);
    assertThat(problems.get(0).field()).isEqualTo(field);
    assertThat(problems.get(0).message()).contains(reason);
  }

  @Test
  void missingNameIsAProblem() {
    assertThat(
            PolicyValidator.validate(
                policy(
                    """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {namespace: x}
                    spec: {podSelector: {}}
                    """)))
        .extracting(PolicyProblem::field)
        .containsExactly("metadata.name");
  }
}
