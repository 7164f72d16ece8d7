@isolation
Feature: NetworkPolicies of the source material isolate pods as written
  The Kubernetes documentation's test-network-policy (role=db ingress from role=frontend pods, from
  namespaces labelled project=myproject and from 172.17.0.0/16 except 172.17.1.0/24; egress only to
  10.0.0.0/24 on 5978) and a default deny, checked as the upstream network-policy e2e tests do: by
  probing from inside the pods with fresh connections and comparing with the matrix the policies
  imply, which each scenario prints first. Where NetworkPolicy is not enforced, the scenarios stop
  there as skipped, with the reason.

  Background:
    Given another namespace "myproject" labelled "project=myproject"
    And the reachability workloads, with a client in namespace "myproject"

  @core
  Scenario: role=db accepts ingress on 6379 from role=frontend pods only
    Given the NetworkPolicy "test-network-policy.yaml", expected on TCP port 6379
    And NetworkPolicy is enforced in this environment
    Then "frontend" can reach "db" on TCP port 6379
    And "other" cannot reach "db" on TCP port 6379

  @core
  Scenario: role=db accepts ingress from a namespace labelled project=myproject
    Given the NetworkPolicy "test-network-policy.yaml", expected on TCP port 6379
    And NetworkPolicy is enforced in this environment
    Then "client" in namespace "myproject" can reach "db" on TCP port 6379

  @core
  Scenario: ingress from 172.17.0.0/16 except 172.17.1.0/24 matches the expected matrix
    Given the NetworkPolicy "test-network-policy.yaml", expected on TCP port 6379
    And NetworkPolicy is enforced in this environment
    Then the observed reachability on TCP port 6379 matches the expected matrix

  @core
  Scenario: role=db may connect only to 10.0.0.0/24 on port 5978
    Given the NetworkPolicy "test-network-policy.yaml", expected on TCP port 5978
    And NetworkPolicy is enforced in this environment
    Then "db" cannot reach "frontend" on TCP port 5978
    And "db" can reach "other" on TCP port 5978

  @core
  Scenario: a default deny isolates every pod of the namespace
    Given the NetworkPolicy "default-deny-ingress.yaml", expected on TCP port 8080
    And NetworkPolicy is enforced in this environment
    Then "frontend" cannot reach "db" on TCP port 8080
    And the observed reachability on TCP port 8080 matches the expected matrix
