@grpcroute
Feature: GRPCRoute header modifiers change what the backend receives and what the client gets
  RequestHeaderModifier (core) sets, adds and removes request metadata before the backend sees it;
  ResponseHeaderModifier (extended) does the same to the response headers. Both are asserted where
  they take effect: at the backend (its echo of the request) and at the client.

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
        name: modifiers
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - filters:
          - type: RequestHeaderModifier
            requestHeaderModifier:
              set:
              - name: x-set
                value: from-gateway
              add:
              - name: x-add
                value: from-gateway
              remove:
              - x-remove
          - type: ResponseHeaderModifier
            responseHeaderModifier:
              set:
              - name: x-response-set
                value: from-gateway
              add:
              - name: x-response-add
                value: from-gateway
              remove:
              - x-request-authority
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80
    When the client calls "helloworld.Greeter/SayHello" with metadata "x-set: from-client, x-add: from-client, x-remove: from-client, x-keep: from-client"
    Then the call is served by "greeter-v1"

  @core
  Scenario: set replaces the client's value at the backend
    Then the backend receives header "x-set" with value "from-gateway"

  @core
  Scenario: add appends to the client's value at the backend
    Then the backend receives header "x-add" with values "from-client, from-gateway"

  @core
  Scenario: remove keeps the header from the backend and leaves others alone
    Then the backend does not receive header "x-remove"
    And the backend receives header "x-keep" with value "from-client"

  @extended
  Scenario: the response headers are set, added and removed at the client
    Then the response carries header "x-response-set" with value "from-gateway"
    And the response carries header "x-response-add" with value "from-gateway"
    And the response does not carry header "x-request-authority"
    And the response carries header "x-served-by" with value "greeter-v1"
