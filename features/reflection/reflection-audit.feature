@reflection @core
Feature: Reflection is not reachable on a host whose route does not route it
  The audit case: the backend serves reflection, but the route for this host sends only
  helloworld.Greeter to it, so reflection must be refused by the gateway and reveal nothing.

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
        - api.example.com
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80
    And the client uses authority "api.example.com"

  Scenario: the service itself is served
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"

  Scenario: reflection is refused by the gateway
    Then reflection is not reachable
