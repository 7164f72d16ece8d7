@tls
Feature: TLS listeners refuse what they must not serve
  A hostname no listener covers fails the handshake instead of getting some other certificate;
  cleartext HTTP/2 on the TLS port fails; TLS 1.1 is refused; a listener whose Secret is missing
  reports InvalidCertificateRef and serves nothing.

  Background:
    Given a certificate authority "test-ca"
    And a TLS Secret "a-tls" for "a.example.com" signed by "test-ca"
    And a Greeter backend "greeter-v1"
    And the Gateway "tls" with listeners:
      | name          | protocol | port | hostname            | certificate    |
      | https-a       | HTTPS    | 443  | a.example.com       | a-tls          |
      | https-missing | HTTPS    | 443  | missing.example.com | does-not-exist |
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
    And the server presents a valid certificate for "a.example.com"

  @core
  Scenario: a hostname no listener covers fails the handshake
    Then the TLS handshake with SNI "c.example.com" fails

  @core
  Scenario: cleartext HTTP/2 to the TLS port fails
    Given the client connects to Gateway "tls" on port 443
    When the client calls "helloworld.Greeter/SayHello" with authority "a.example.com"
    Then the call does not succeed

  @core
  Scenario: TLS 1.1 is refused
    Then a TLS 1.1 handshake with SNI "a.example.com" is refused

  @core
  Scenario: a missing Secret gives InvalidCertificateRef and nothing is served for its hostname
    Then listener "https-missing" of Gateway "tls" has ResolvedRefs=False/InvalidCertificateRef
    And the TLS handshake with SNI "missing.example.com" fails
