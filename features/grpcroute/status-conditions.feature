@grpcroute @core
Feature: The gateway reports Gateway, listener and route status
  The class under test is Accepted; a Gateway with a valid listener is Accepted and Programmed; each
  listener counts its attached routes; a route whose parentRef names no listener gets
  Accepted=False with reason NoMatchingParent. Conditions carry the object's generation.

  Background:
    Given a Greeter backend "greeter-v1"
    And the Gateway "same-namespace" with listeners:
      | name  | protocol | port |
      | http  | HTTP     | 80   |
      | other | HTTP     | 8080 |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: first
      spec:
        parentRefs:
        - name: same-namespace
          sectionName: http
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: second
      spec:
        parentRefs:
        - name: same-namespace
          sectionName: http
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: nowhere
      spec:
        parentRefs:
        - name: same-namespace
          sectionName: no-such-listener
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
      """

  Scenario: the GatewayClass under test is accepted and the Gateway is programmed
    Then the GatewayClass under test is accepted
    And the Gateway "same-namespace" is programmed
    And the Gateway "same-namespace" has Accepted=True/Accepted
    And the Gateway "same-namespace" has Programmed=True/Programmed

  Scenario: listeners are accepted, resolved and programmed, and count their routes
    Then listener "http" of Gateway "same-namespace" has Accepted=True
    And listener "http" of Gateway "same-namespace" has ResolvedRefs=True
    And listener "http" of Gateway "same-namespace" has Programmed=True
    And listener "http" of Gateway "same-namespace" has 2 attached routes
    And listener "other" of Gateway "same-namespace" has 0 attached routes

  Scenario: routes are accepted with resolved references
    Then the GRPCRoute "first" is accepted by Gateway "same-namespace"
    And the GRPCRoute "second" is accepted by Gateway "same-namespace"

  Scenario: a parentRef to a listener that does not exist gives NoMatchingParent
    Then the GRPCRoute "nowhere" has Accepted=False/NoMatchingParent for Gateway "same-namespace"
