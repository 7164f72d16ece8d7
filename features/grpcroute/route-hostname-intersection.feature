@grpcroute @core
Feature: GRPCRoute hostnames are intersected with the listener hostname
  A route serves only the hostnames that intersect its listener's; the others are ignored, and a
  route with no intersecting hostname is not accepted (reason NoMatchingListenerHostname).

  Background:
    Given a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And the Gateway "wildcard" with listeners:
      | name | protocol | port | hostname      |
      | http | HTTP     | 80   | *.example.com |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: exact-hosts
      spec:
        parentRefs:
        - name: wildcard
        hostnames:
        - a.example.com
        - a.example.net
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: wildcard-hosts
      spec:
        parentRefs:
        - name: wildcard
        hostnames:
        - "*.deep.example.com"
        rules:
        - backendRefs:
          - name: greeter-v2
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: elsewhere
      spec:
        parentRefs:
        - name: wildcard
        hostnames:
        - only.example.net
        rules:
        - backendRefs:
          - name: greeter-v2
            port: 8080
      """
    And the client connects to Gateway "wildcard" on port 80

  Scenario: an intersecting route hostname is served
    When the client calls "helloworld.Greeter/SayHello" with authority "a.example.com"
    Then the call is served by "greeter-v1"

  Scenario: a route hostname outside the listener's is ignored
    When the client calls "helloworld.Greeter/SayHello" with authority "a.example.net"
    Then the answer is UNIMPLEMENTED from the gateway

  Scenario: a wildcard route hostname inside the listener's wildcard is served
    When the client calls "helloworld.Greeter/SayHello" with authority "x.deep.example.com"
    Then the call is served by "greeter-v2"

  Scenario: a route without any intersecting hostname is not accepted
    Then the GRPCRoute "elsewhere" has Accepted=False/NoMatchingListenerHostname for Gateway "wildcard"
    And the GRPCRoute "exact-hosts" is accepted by Gateway "wildcard"
