@grpcroute @core
Feature: Calls that no route matches are answered UNIMPLEMENTED by the gateway
  A request for a hostname or method no attached route matches MUST be rejected with UNIMPLEMENTED
  (gateway_types.go, general listener behavior); the answer comes from the gateway, never from a
  backend.

  Background:
    Given a Greeter backend "greeter-v1"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: greeter-only
      spec:
        parentRefs:
        - name: same-namespace
        hostnames:
        - grpc.example.com
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80
    And the client uses authority "grpc.example.com"

  Scenario: the routed service works
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"

  Scenario: a service no rule names is answered by the gateway
    When the client calls "grpc.health.v1.Health/Check"
    Then the answer is UNIMPLEMENTED from the gateway

  Scenario: a hostname no route serves is answered by the gateway
    When the client calls "helloworld.Greeter/SayHello" with authority "unknown.example.org"
    Then the answer is UNIMPLEMENTED from the gateway
