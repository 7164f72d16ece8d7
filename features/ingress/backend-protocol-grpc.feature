@ingress
Feature: An Ingress with backend-protocol GRPC serves gRPC over TLS the way ingress-nginx does
  nginx.ingress.kubernetes.io/backend-protocol "GRPC" makes the controller speak HTTP/2 to the
  pods; TLS terminates with the Secret of the Ingress's tls section. Without the annotation the
  controller speaks HTTP/1.1 to a gRPC server and the call fails (ingress-netpol.md A.1, A.4).

  Background:
    Given a certificate authority "test-ca"
    And a TLS Secret "grpc-tls" for "grpc.example.com" signed by "test-ca"
    And a TLS Secret "plain-tls" for "plain.example.com" signed by "test-ca"
    And a Greeter backend "greeter-v1"
    And these objects are applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: grpc
        annotations:
          nginx.ingress.kubernetes.io/backend-protocol: "GRPC"
      spec:
        ingressClassName: ${ingressClass}
        tls:
        - hosts:
          - grpc.example.com
          secretName: grpc-tls
        rules:
        - host: grpc.example.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                service:
                  name: greeter-v1
                  port:
                    number: 8080
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: no-annotation
      spec:
        ingressClassName: ${ingressClass}
        tls:
        - hosts:
          - plain.example.com
          secretName: plain-tls
        rules:
        - host: plain.example.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                service:
                  name: greeter-v1
                  port:
                    number: 8080
      """
    And the client connects to the ingress controller on port 443 over TLS trusting "test-ca"

  @core
  Scenario: gRPC over TLS reaches the backend with the Secret's certificate
    When the client calls "helloworld.Greeter/SayHello" with authority "grpc.example.com"
    Then the call is served by "greeter-v1"
    And the peer certificate has common name "grpc.example.com"
    And the backend sees authority "grpc.example.com"
    And the backend receives header "content-type" with value "application/grpc"

  @core
  Scenario: the same Ingress without the annotation does not carry gRPC
    Then the server presents a valid certificate for "plain.example.com"
    When the client calls "helloworld.Greeter/SayHello" with authority "plain.example.com"
    Then the call fails with UNKNOWN, UNAVAILABLE or INTERNAL

  @core
  Scenario: an unknown host gets the controller's fallback certificate and no route
    Then the server presents the ingress fallback certificate for SNI "unknown.example.com"
    Given the client connects to the ingress controller on port 443 over TLS trusting any certificate
    When the client calls "helloworld.Greeter/SayHello" with authority "unknown.example.com"
    Then the call fails with UNIMPLEMENTED

  @core
  Scenario: cleartext calls to a TLS host are redirected, which gRPC clients do not follow
    Given the client connects to the ingress controller on port 80
    When the client calls "helloworld.Greeter/SayHello" with authority "grpc.example.com"
    Then the call fails with UNKNOWN mentioning "308"

  @extended
  Scenario: with ssl-redirect "false" cleartext h2c calls are served
    Given these objects are applied:
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: h2c
        annotations:
          nginx.ingress.kubernetes.io/backend-protocol: "GRPC"
          nginx.ingress.kubernetes.io/ssl-redirect: "false"
      spec:
        ingressClassName: ${ingressClass}
        tls:
        - hosts:
          - h2c.example.com
          secretName: grpc-tls
        rules:
        - host: h2c.example.com
          http:
            paths:
            - path: /
              pathType: Prefix
              backend:
                service:
                  name: greeter-v1
                  port:
                    number: 8080
      """
    And the client connects to the ingress controller on port 80
    When the client calls "helloworld.Greeter/SayHello" with authority "h2c.example.com"
    Then the call is served by "greeter-v1"
