@grpcroute @core
Feature: GRPCRoute precedence between rules and between routes
  Among matching rules, the most specific wins: longer matching method, then more header matches;
  ties across routes go to the oldest route, then to {namespace}/{name} in alphabetical order, and
  ties inside a route to the first rule (grpcroute_types.go, rule precedence).

  Background:
    Given a Greeter backend "greeter-v1"
    And a Greeter backend "greeter-v2"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And the client connects to Gateway "same-namespace" on port 80

  Scenario: a rule with more header matches wins although it is listed later
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: by-headers
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v1
            port: 8080
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
            headers:
            - name: x-version
              value: "2"
          backendRefs:
          - name: greeter-v2
            port: 8080
      """
    When the client calls "helloworld.Greeter/SayHello" with metadata "x-version: 2"
    Then the call is served by "greeter-v2"
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"

  Scenario: an exact method in one route beats a service-only match in another
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: whole-service
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
          backendRefs:
          - name: greeter-v2
            port: 8080
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: one-method
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"
    When the client calls "helloworld.Greeter/SayHelloStreamReply"
    Then the call is served by "greeter-v2"

  Scenario: identical matches in two routes go to the older, alphabetically first route
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: a-older
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: b-newer
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v2
            port: 8080
      """
    Then the GRPCRoute "b-newer" is accepted by Gateway "same-namespace"
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v1"

  Scenario: identical matches inside one route go to the first rule
    Given these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: twice
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v2
            port: 8080
        - matches:
          - method:
              service: helloworld.Greeter
              method: SayHello
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    When the client calls "helloworld.Greeter/SayHello"
    Then the call is served by "greeter-v2"
