@streaming @core
Feature: Bidirectional streams pass through the gateway message by message
  Each request of a bidirectional stream is answered before the client sends the next one and
  before it half-closes: the gateway forwards messages as they come instead of buffering the
  request stream.

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

  Scenario: ping-pong over a bidirectional stream
    When the client exchanges 10 greetings on a bidirectional stream
    Then all 10 greetings arrive in order from "greeter-v1"
