@tls
Feature: An HTTPS listener presents the certificate chosen by SNI and serves gRPC over h2
  HTTPS listeners terminate TLS with the certificate of the listener whose hostname matches the
  SNI (exact before wildcard), negotiate HTTP/2 by ALPN and route the gRPC calls inside. The upstream
  suite has no gRPC TLS tests (gateway-api issue #2964); these fill the gap.

  Background:
    Given a certificate authority "test-ca"
    And a TLS Secret "a-tls" for "a.example.com" signed by "test-ca"
    And a TLS Secret "b-wildcard-tls" for "*.b.example.com" signed by "test-ca"
    And a Greeter backend "greeter-v1"
    And the Gateway "tls" with listeners:
      | name    | protocol | port | hostname        | certificate    |
      | https-a | HTTPS    | 443  | a.example.com   | a-tls          |
      | https-b | HTTPS    | 443  | *.b.example.com | b-wildcard-tls |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: greeter
      spec:
        parentRefs:
        - name: tls
        rules:
        - backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "tls" on port 443 over TLS trusting "test-ca"

  @core
  Scenario: the exact hostname gets its own certificate
    Then the server presents a valid certificate for "a.example.com"
    And the server presents a certificate with common name "a.example.com" for SNI "a.example.com"

  @core
  Scenario: a name under the wildcard gets the wildcard certificate
    Then the server presents a valid certificate for "api.b.example.com"
    And the server presents a certificate with common name "*.b.example.com" for SNI "api.b.example.com"

  @core
  Scenario: gRPC calls go through TLS 1.2 or newer with ALPN h2
    When the client calls "helloworld.Greeter/SayHello" with authority "a.example.com"
    Then the call is served by "greeter-v1"
    And the connection uses TLS 1.2 or newer with ALPN "h2"
    And the peer certificate has common name "a.example.com"
    And the backend sees authority "a.example.com"

  @core
  Scenario: the listeners are programmed with resolved certificates
    Then listener "https-a" of Gateway "tls" has ResolvedRefs=True
    And listener "https-b" of Gateway "tls" has ResolvedRefs=True
    And listener "https-a" of Gateway "tls" has 1 attached route
