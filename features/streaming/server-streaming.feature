@streaming @core
Feature: Server streams pass through the gateway in order and under flow control
  A server-streaming call delivers every reply, in order, from one backend; a consumer that stops
  reading for a while makes flow control hold the backend back along the whole path, and the stream
  still completes intact. (The upstream suite has no streaming tests.)

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

  Scenario: every reply of a server stream arrives in order
    When the client asks for a stream of 50 greetings
    Then all 50 greetings arrive in order from "greeter-v1"

  Scenario: a slow consumer does not break the stream
    When a slow consumer reads a stream of 5000 greetings
    Then all 5000 greetings arrive in order from "greeter-v1"
