@grpcroute @core
Feature: Invalid backends are reported in status and answered UNAVAILABLE
  When all backendRefs of a rule are invalid, all matching traffic gets UNAVAILABLE, and the route's
  parent status says why with ResolvedRefs=False (BackendNotFound for a missing Service, InvalidKind
  for a kind the gateway does not support).

  Background:
    Given a Greeter backend "greeter-v1"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And the client connects to Gateway "same-namespace" on port 80

  Scenario: a missing Service gives BackendNotFound and UNAVAILABLE
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: missing-backend
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - backendRefs:
          - name: does-not-exist
            port: 8080
      """
    Then the GRPCRoute "missing-backend" has ResolvedRefs=False/BackendNotFound for Gateway "same-namespace"
    And the GRPCRoute "missing-backend" has Accepted=True for Gateway "same-namespace"
    When the client calls "helloworld.Greeter/SayHello"
    Then the answer is UNAVAILABLE from the gateway

  Scenario: an unsupported backend kind gives InvalidKind and UNAVAILABLE
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: wrong-kind
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - backendRefs:
          - group: example.com
            kind: NotAService
            name: greeter-v1
            port: 8080
      """
    Then the GRPCRoute "wrong-kind" has ResolvedRefs=False/InvalidKind for Gateway "same-namespace"
    When the client calls "helloworld.Greeter/SayHello"
    Then the answer is UNAVAILABLE from the gateway
