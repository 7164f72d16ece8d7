@grpcroute @core
Feature: GRPCRoute backend weights split traffic proportionally
  Each backend gets weight / sum of weights of the calls; weight 0 gets none (gateway-api
  GRPCRouteWeight: 500 calls, every share within 5 percentage points).

  Background:
    Given a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And a Greeter backend "greeter-v3"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: weighted-backends
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
            weight: 70
          - name: greeter-v2
            port: 8080
            weight: 30
          - name: greeter-v3
            port: 8080
            weight: 0
      """
    And the client connects to Gateway "same-namespace" on port 80

  Scenario: 70/30/0 weights give a 70/30 split and nothing to the zero-weight backend
    When the client calls "helloworld.Greeter/SayHello"
    Then the call succeeds
    And 500 calls are split between the backends within 5 percentage points:
      | backend    | weight |
      | greeter-v1 | 70     |
      | greeter-v2 | 30     |
      | greeter-v3 | 0      |
