@isolation
Feature: NetworkPolicies isolate pods as the Kubernetes spec says
  The upstream netpol e2e / cyclonus model: namespaces x, y, z labelled ns=<name>, each with pods a,
  b, c labelled pod=<name>, every pod serving gRPC on TCP 80 and 81. The expected matrix comes from
  the netpol engine and the policies in force (where a scenario writes it as a table, the engine
  must agree with the table). On a cluster the model is deployed per scenario and probed from
  inside every source pod to every destination pod IP on fresh connections (TCP connect, then a
  grpc.health.v1 check on a new channel): before any policy every cell must be open and a canary
  default deny must block; after each change the cells that do not match yet are polled, and a
  confirming pass decides. Where NetworkPolicy is not enforced, the scenarios print the expected
  matrix and stop as skipped with the reason. Policies without a namespace go to x. Pod IPs are
  assumed to be IPv4 where a policy uses an IPv4 ipBlock.

  Background:
    Given the isolation model: namespaces x, y, z with pods a, b, c serving TCP 80 and 81

  @core
  Scenario: a default deny isolates every pod of its namespace
    Given the NetworkPolicy "default-deny-ingress.yaml", expected on TCP port 80
    And NetworkPolicy is enforced in this environment
    Then "y/a" cannot reach "x/b" on TCP port 80
    And "x/a" can reach "y/b" on TCP port 80
    And the observed reachability on TCP port 80 matches the expected matrix

  @core
  Scenario: namespaceSelector and podSelector in one peer must both match (AND)
    Given this NetworkPolicy, expected on TCP port 80:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: allow-pod-b-of-namespace-y
        namespace: x
      spec:
        podSelector:
          matchLabels:
            pod: a
        ingress:
        - from:
          - namespaceSelector:
              matchLabels:
                ns: "y"
            podSelector:
              matchLabels:
                pod: b
      """
    Then the expected reachability on TCP port 80 is:
      """
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a X   .   .   .   .   .   .   .   .
      x/b X   .   .   .   .   .   .   .   .
      x/c X   .   .   .   .   .   .   .   .
      y/a X   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c X   .   .   .   .   .   .   .   .
      z/a X   .   .   .   .   .   .   .   .
      z/b X   .   .   .   .   .   .   .   .
      z/c X   .   .   .   .   .   .   .   .
      """
    And NetworkPolicy is enforced in this environment
    And the observed reachability on TCP port 80 matches the expected matrix

  @core
  Scenario: two peers are alternatives (OR), and a podSelector alone stays in the policy's namespace
    Given this NetworkPolicy, expected on TCP port 80:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: allow-namespace-y-or-pod-b
        namespace: x
      spec:
        podSelector:
          matchLabels:
            pod: a
        ingress:
        - from:
          - namespaceSelector:
              matchLabels:
                ns: "y"
          - podSelector:
              matchLabels:
                pod: b
      """
    Then the expected reachability on TCP port 80 is:
      """
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a X   .   .   .   .   .   .   .   .
      x/b .   .   .   .   .   .   .   .   .
      x/c X   .   .   .   .   .   .   .   .
      y/a .   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c .   .   .   .   .   .   .   .   .
      z/a X   .   .   .   .   .   .   .   .
      z/b X   .   .   .   .   .   .   .   .
      z/c X   .   .   .   .   .   .   .   .
      """
    And NetworkPolicy is enforced in this environment
    Then "z/b" cannot reach "x/a" on TCP port 80
    And the observed reachability on TCP port 80 matches the expected matrix

  @core
  Scenario: an egress rule with a named port opens that port only
    Given this NetworkPolicy, expected on TCP port 80:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: y-a-egress-81-only
        namespace: "y"
      spec:
        podSelector:
          matchLabels:
            pod: a
        policyTypes:
        - Egress
        egress:
        - ports:
          - port: serve-81-tcp
      """
    And NetworkPolicy is enforced in this environment
    Then "y/a" cannot reach "z/c" on TCP port 80
    And "y/a" can reach "z/c" on TCP port 81
    And the observed reachability on TCP port 80 matches the expected matrix
    And the observed reachability on TCP port 81 matches the expected matrix

  @core
  Scenario: the docs' test-network-policy admits role=db only on 6379, so every served port is closed
    Given pod "x/a" is labelled "role=db"
    And pod "x/b" is labelled "role=frontend"
    And namespace "y" is labelled "project=myproject"
    And the NetworkPolicy "test-network-policy.yaml", expected on TCP port 80
    And NetworkPolicy is enforced in this environment
    Then "x/b" cannot reach "x/a" on TCP port 80
    And "x/a" cannot reach "y/a" on TCP port 81
    And the observed reachability on TCP port 80 matches the expected matrix
    And the observed reachability on TCP port 81 matches the expected matrix

  @core
  Scenario: the docs' policy shape on a served port: ORed peers, an ipBlock except, egress by port
    Given pod "x/a" is labelled "role=db"
    And pod "x/b" is labelled "role=frontend"
    And pod "z/b" is labelled "role=frontend"
    And namespace "y" is labelled "project=myproject"
    And this NetworkPolicy, expected on TCP port 80:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: test-network-policy-on-80
        namespace: x
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
              cidr: 0.0.0.0/0
              except:
              - ${ip:z/b}/32
          - namespaceSelector:
              matchLabels:
                project: myproject
          - podSelector:
              matchLabels:
                role: frontend
          ports:
          - protocol: TCP
            port: 80
        egress:
        - to:
          - ipBlock:
              cidr: 10.0.0.0/24
          ports:
          - protocol: TCP
            port: 5978
      """
    And NetworkPolicy is enforced in this environment
    Then "x/b" can reach "x/a" on TCP port 80
    And "y/c" can reach "x/a" on TCP port 80
    And "z/a" can reach "x/a" on TCP port 80
    And "z/b" cannot reach "x/a" on TCP port 80
    And "x/a" cannot reach "z/a" on TCP port 80
    And the observed reachability on TCP port 80 matches the expected matrix

  @core
  Scenario: labelling a namespace after the policy admits its pods
    Given this NetworkPolicy, expected on TCP port 80:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: allow-team-blue
        namespace: x
      spec:
        podSelector: {}
        ingress:
        - from:
          - namespaceSelector:
              matchLabels:
                team: blue
      """
    And NetworkPolicy is enforced in this environment
    Then "z/a" cannot reach "x/c" on TCP port 80
    When namespace "z" is labelled "team=blue"
    Then "z/a" can reach "x/c" on TCP port 80
    And the observed reachability on TCP port 80 matches the expected matrix

  @core
  Scenario: deleting a policy opens its cells again
    Given this NetworkPolicy, expected on TCP port 81:
      """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: deny-all
        namespace: z
      spec:
        podSelector: {}
        policyTypes:
        - Ingress
        - Egress
      """
    And NetworkPolicy is enforced in this environment
    Then the observed reachability on TCP port 81 matches the expected matrix
    When the NetworkPolicy "deny-all" is deleted from model namespace z
    Then "z/a" can reach "x/a" on TCP port 81
    And the observed reachability on TCP port 81 matches the expected matrix
