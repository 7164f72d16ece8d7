@security @auth @core
Feature: Credential attacks through the gateway get no further than the backend allows
  The gateway forwards request metadata to the User service as sent: repeated keys stay repeated,
  binary keys stay binary, values are not trimmed or case-folded, and headers that name an
  identity are not trusted. Every attempt below must end exactly as it would at the backend
  itself: UNAUTHENTICATED or PERMISSION_DENIED, answered by the backend, and no password may appear
  in the response. (The gateway module's AuthAttacksThroughGatewayTest runs 32 such cases,
  including raw HTTP/2 ones no gRPC client can send.)

  Background:
    Given a User backend "user-v1"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: users
      spec:
        parentRefs:
        - name: same-namespace
        rules:
        - matches:
          - method:
              service: com.example.User
          backendRefs:
          - name: user-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80

  Scenario: a username sent twice is refused, not guessed
    When the client calls "com.example.User/Login" as "alice" with the username also sent as "admin"
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response

  Scenario: a password sent twice is refused even when one of them is right
    When the client calls "com.example.User/Login" as "alice" with the password sent twice, the first one wrong
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response

  Scenario: credentials under binary keys are not credentials
    When the client calls "com.example.User/Login" with the credentials of "alice" under binary keys only
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response

  Scenario: binary keys naming another account do not raise privileges
    When the client calls "com.example.User/DeleteUser" as "alice" with the credentials of "admin" under binary keys
    Then the answer is PERMISSION_DENIED from "user-v1"
    And no password appears in the response

  Scenario: one account's username with another account's password is refused
    When the client calls "com.example.User/Login" with the username of "admin" and the password of "alice"
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response

  Scenario: a password with a trailing space is a different password
    When the client calls "com.example.User/Login" as "alice" with a space after the password
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response

  Scenario: usernames are case-sensitive
    When the client calls "com.example.User/Login" as "alice" with the username in upper case
    Then the answer is UNAUTHENTICATED from "user-v1"

  Scenario: identity headers do not change who the caller is
    When the client calls "com.example.User/DeleteUser" as "alice" claiming to be "admin" in identity headers
    Then the answer is PERMISSION_DENIED from "user-v1"

  Scenario: credentials in the request body are ignored
    When the client calls "com.example.User/Login" with the credentials of "admin" in the request body only
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response
