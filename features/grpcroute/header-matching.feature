@grpcroute
Feature: GRPCRoute header matching with precedence by number of matches and canary fallthrough
  Header names compare case-insensitively, all headers of a match must hold, and among rules that
  match the one with more header matches wins; ties go to the earlier rule (gateway-api
  GRPCRouteHeaderMatching). A regular-expression header rule picks canary calls out of the traffic
  while everything else falls through to a catch-all rule.

  Background:
    Given a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And the manifest "grpcroute/header-matching.yaml" is applied
    And the client connects to Gateway "same-namespace" on port 80

  @core
  Scenario Outline: metadata "<metadata>" is answered <status> from <answerer>
    When the client calls "helloworld.Greeter/SayHello" with metadata "<metadata>"
    Then the answer is <status> from <answerer>

    Examples: the upstream header-matching table
      | metadata                    | status        | answerer     |
      | Version: one                | OK            | "greeter-v1" |
      | Version: two                | OK            | "greeter-v2" |
      | Version: two, Color: orange | OK            | "greeter-v1" |
      | Version: two, Color: blue   | OK            | "greeter-v2" |
      | Color: orange               | UNIMPLEMENTED | the gateway  |
      | Some-Other-Header: one      | UNIMPLEMENTED | the gateway  |
      | Color: blue                 | OK            | "greeter-v1" |
      | Color: green                | OK            | "greeter-v1" |
      | Color: red                  | OK            | "greeter-v2" |
      | Color: yellow               | OK            | "greeter-v2" |
      | Color: purple               | UNIMPLEMENTED | the gateway  |

  @extended
  Scenario Outline: canary metadata "<metadata>" goes to <answerer>
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: canary
      spec:
        parentRefs:
        - name: same-namespace
        hostnames:
        - canary.example.com
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
        - matches:
          - headers:
            - type: RegularExpression
              name: x-canary
              value: "true|yes|1"
          backendRefs:
          - name: greeter-v2
            port: 8080
      """
    When the client calls "helloworld.Greeter/SayHello" with authority "canary.example.com" and metadata "<metadata>"
    Then the answer is OK from <answerer>

    Examples:
      | metadata          | answerer     |
      | x-canary: true    | "greeter-v2" |
      | X-Canary: yes     | "greeter-v2" |
      | x-canary: 1       | "greeter-v2" |
      | x-canary: false   | "greeter-v1" |
      | x-canary: true1   | "greeter-v1" |
      | x-other: true     | "greeter-v1" |
