@streaming @core
Feature: Deadlines and cancellation propagate through the gateway
  The client's deadline travels to the backend (grpc-timeout no longer than the client's) and ends
  the stream with DEADLINE_EXCEEDED long before the backend would have finished; a client that
  cancels a stream ends it CANCELLED, and the route keeps serving.

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
        name: greeter
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"

  Scenario: a short deadline ends a slow stream with DEADLINE_EXCEEDED
    When the client asks for a slow stream of 50 greetings with a short deadline
    Then the stream ends DEADLINE_EXCEEDED before all 50 greetings arrived
    And the backend received a deadline no longer than the client's

  Scenario: a cancelled stream ends CANCELLED and the route keeps serving
    When the client cancels a slow stream of 50 greetings after 2
    Then the stream ends CANCELLED before all 50 greetings arrived
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"
