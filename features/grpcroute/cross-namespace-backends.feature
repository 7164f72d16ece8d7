@grpcroute @core
Feature: A backend in another namespace needs a ReferenceGrant
  A GRPCRoute may send traffic to a Service in another namespace only if a ReferenceGrant in that
  namespace allows it; without one the reference is RefNotPermitted and its traffic UNAVAILABLE, and
  deleting the grant revokes access (referencegrant_types.go).

  Background:
    Given another namespace "backends"
    And a Greeter backend "greeter-remote" in namespace "backends"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: remote-backend
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - backendRefs:
          - name: greeter-remote
            namespace: ${namespace.backends}
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80

  Scenario: with a ReferenceGrant the remote backend serves the route
    Given these objects are applied in namespace "backends":
      """
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: ReferenceGrant
      metadata:
        name: allow-grpcroutes
      spec:
        from:
        - group: gateway.networking.k8s.io
          kind: GRPCRoute
          namespace: ${namespace}
        to:
        - group: ""
          kind: Service
      """
    Then the GRPCRoute "remote-backend" is accepted by Gateway "same-namespace"
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-remote" in namespace "backends"

  Scenario: without a ReferenceGrant the reference is not permitted
    Then the GRPCRoute "remote-backend" has ResolvedRefs=False/RefNotPermitted for Gateway "same-namespace"
    When the client calls "helloworld.Greeter/SayHello"
    Then the answer is UNAVAILABLE from the gateway

  Scenario: a grant for another Service name does not permit the reference
    Given these objects are applied in namespace "backends":
      """
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: ReferenceGrant
      metadata:
        name: allow-other-service
      spec:
        from:
        - group: gateway.networking.k8s.io
          kind: GRPCRoute
          namespace: ${namespace}
        to:
        - group: ""
          kind: Service
          name: some-other-service
      """
    Then the GRPCRoute "remote-backend" has ResolvedRefs=False/RefNotPermitted for Gateway "same-namespace"

  Scenario: deleting the ReferenceGrant revokes access
    Given these objects are applied in namespace "backends":
      """
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: ReferenceGrant
      metadata:
        name: temporary-grant
      spec:
        from:
        - group: gateway.networking.k8s.io
          kind: GRPCRoute
          namespace: ${namespace}
        to:
        - group: ""
          kind: Service
      """
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-remote" in namespace "backends"
    When the ReferenceGrant "temporary-grant" in namespace "backends" is deleted
    Then the answer is UNAVAILABLE from the gateway
    And the GRPCRoute "remote-backend" has ResolvedRefs=False/RefNotPermitted for Gateway "same-namespace"
