@grpcroute @core
Feature: GRPCRoute exact method matching sends each method to its rule's backend
  An Exact method match routes /<service>/<method> to the backends of its rule. A method that no
  rule matches is answered UNIMPLEMENTED by the gateway itself (gateway-api GRPCExactMethodMatching;
  stronger than upstream, whose backend would also answer UNIMPLEMENTED: here the backends implement
  every Greeter method, and the answer must carry the gateway's own mark).

  Background:
    Given a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: exact-matching
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v1
            port: 8080
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHelloStreamReply
          backendRefs:
          - name: greeter-v2
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80

  Scenario: SayHello is served by the backend of the first rule
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"

  Scenario: SayHelloStreamReply is served by the backend of the second rule
    When the client calls "helloworld.Greeter/SayHelloStreamReply"
    Then the call is served by "greeter-v2"

  Scenario: a method of a routed service that no rule matches is answered by the gateway
    When the client calls "helloworld.Greeter/SayHelloBidiStream"
    Then the answer is UNIMPLEMENTED from the gateway

  Scenario: exact matching is case-sensitive
    When the client calls "helloworld.Greeter/sayhello"
    Then the answer is UNIMPLEMENTED from the gateway
