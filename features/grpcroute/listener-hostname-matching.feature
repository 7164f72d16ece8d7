@grpcroute @core
Feature: GRPCRoute listener hostname matching prefers exact hostnames over wildcards
  Routes attach to listeners by sectionName; the request's :authority picks the listener: an exact
  hostname beats a wildcard, a wildcard covers one or more labels but never the bare domain, and an
  authority no listener matches is answered UNIMPLEMENTED (gateway-api
  GRPCRouteListenerHostnameMatching).

  Background:
    Given a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And a Greeter backend "greeter-v3"
    And the Gateway "hostnames" with listeners:
      | name       | protocol | port | hostname    |
      | listener-1 | HTTP     | 80   | bar.com     |
      | listener-2 | HTTP     | 80   | foo.bar.com |
      | listener-3 | HTTP     | 80   | *.bar.com   |
      | listener-4 | HTTP     | 80   | *.foo.com   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: backend-v1
      spec:
        parentRefs:
        - name: hostnames
          sectionName: listener-1
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: backend-v2
      spec:
        parentRefs:
        - name: hostnames
          sectionName: listener-2
        rules:
        - backendRefs:
          - name: greeter-v2
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: backend-v3
      spec:
        parentRefs:
        - name: hostnames
          sectionName: listener-3
        - name: hostnames
          sectionName: listener-4
        rules:
        - backendRefs:
          - name: greeter-v3
            port: 8080
      """
    And the client connects to Gateway "hostnames" on port 80

  Scenario Outline: authority <authority> is answered <status> from <answerer>
    When the client calls "helloworld.Greeter/SayHello" with authority "<authority>"
    Then the answer is <status> from <answerer>

    Examples:
      | authority                 | status        | answerer     |
      | bar.com                   | OK            | "greeter-v1" |
      | foo.bar.com               | OK            | "greeter-v2" |
      | baz.bar.com               | OK            | "greeter-v3" |
      | multiple.prefixes.bar.com | OK            | "greeter-v3" |
      | multiple.prefixes.foo.com | OK            | "greeter-v3" |
      | foo.com                   | UNIMPLEMENTED | the gateway  |
      | no.matching.host          | UNIMPLEMENTED | the gateway  |
