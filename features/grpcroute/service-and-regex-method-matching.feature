@grpcroute
Feature: GRPCRoute service-only and regular-expression method matches
  A match with a service and no method takes every method of that service. RegularExpression
  matches on service or method are implementation-specific; they match the whole name and are
  case-sensitive.

  Background:
    Given a User backend "user-v1"
    And a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: method-shapes
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: com.example.User
          backendRefs:
          - name: user-v1
            port: 8080
        - matches:
          - method:
              type: RegularExpression
              service: helloworld\.Gre+ter
              method: SayHello(StreamReply)?
          backendRefs:
          - name: greeter-v2
            port: 8080
        - matches:
          - method:
              type: RegularExpression
              method: SayHelloBidi.*
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80

  @core
  Scenario: a service-only match takes every method of the service
    When the client calls "com.example.User/GetUser" as "alice"
    Then the call is served by "user-v1"

  @core
  Scenario: a service-only match takes methods the route never names
    When the client calls "com.example.User/Login" as "alice"
    Then the call is served by "user-v1"

  @extended
  Scenario: a regular expression on service and method selects its rule
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v2"

  @extended
  Scenario: the optional group of the method expression also matches
    When the client calls "helloworld.Greeter/SayHelloStreamReply"
    Then the call is served by "greeter-v2"

  @extended
  Scenario: a method-only regular expression matches in any service
    When the client calls "helloworld.Greeter/SayHelloBidiStream"
    Then the call is served by "greeter-v1"

  @extended
  Scenario: regular expressions are case-sensitive
    When the client calls "helloworld.greeter/SayHello"
    Then the answer is UNIMPLEMENTED from the gateway
