@isolation
Feature: A NetworkPolicy can reserve a backend for the gateway
  A gateway dials a backend's pod endpoints, so a NetworkPolicy that selects the backend's pods can
  admit the gateway's pods (their namespace AND their labels, in one peer) and nothing else: calls
  through the gateway keep working, while another pod calling the backend's pods directly, on fresh
  connections, is blocked. The gateway's pods are those of the in-cluster gateway
  (grpc-conformance-system, app.kubernetes.io/name=grpc-conformance-gateway); for another
  implementation set conformance.isolation.gatewayNamespace and
  conformance.isolation.gatewayPodLabels. Where NetworkPolicy is not enforced, the scenario stops as
  skipped with the reason.

  Background:
    Given a Greeter backend "greeter"
    And the Gateway "edge" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: to-greeter
      spec:
        parentRefs:
        - name: edge
        rules:
        - backendRefs:
          - name: greeter
            port: 8080
      """
    And the client connects to Gateway "edge" on port 80

  @core
  Scenario: only the gateway's pods reach a backend reserved for them
    Given NetworkPolicy is enforced in this environment
    And a probe pod "outsider"
    Then direct calls from "outsider" to the endpoints of "greeter" port 8080 connect
    When a NetworkPolicy admits only the gateway's pods to "greeter"
    Then direct calls from "outsider" to the endpoints of "greeter" port 8080 are blocked
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter"
