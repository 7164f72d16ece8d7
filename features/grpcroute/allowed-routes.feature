@grpcroute @core
Feature: Listeners accept only the routes their allowedRoutes permit
  A listener admits routes from its own namespace by default (from: Same); a route from elsewhere
  is not accepted (NotAllowedByListeners) and serves nothing, while a Selector admits namespaces by
  label.

  Background:
    Given a Greeter backend "greeter-v1"
    And another namespace "team" labelled "team=grpc"
    And a Greeter backend "greeter-team" in namespace "team"
    And the client connects to Gateway "shared" on port 80

  Scenario: a route from another namespace is refused by a Same listener
    Given the Gateway "shared" with listeners:
      | name | protocol | port | routes from |
      | http | HTTP     | 80   | Same        |
    And these objects are applied in namespace "team":
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: from-team
      spec:
        parentRefs:
        - name: shared
          namespace: ${namespace}
        rules:
        - backendRefs:
          - name: greeter-team
            port: 8080
      """
    Then the GRPCRoute "from-team" in namespace "team" has Accepted=False/NotAllowedByListeners for Gateway "shared"
    And listener "http" of Gateway "shared" has 0 attached routes
    When the client calls "helloworld.Greeter/SayHello"
    Then the answer is UNIMPLEMENTED from the gateway

  Scenario: a Selector listener admits a route from a namespace with the label
    Given the Gateway "shared" with listeners:
      | name | protocol | port | routes from        |
      | http | HTTP     | 80   | Selector team=grpc |
    And these objects are applied in namespace "team":
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: from-team
      spec:
        parentRefs:
        - name: shared
          namespace: ${namespace}
        rules:
        - backendRefs:
          - name: greeter-team
            port: 8080
      """
    Then the GRPCRoute "from-team" in namespace "team" is accepted by Gateway "shared"
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-team" in namespace "team"
