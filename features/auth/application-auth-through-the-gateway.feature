@auth @core
Feature: Application-level auth works through the gateway
  The User service authenticates from the request metadata username/password and authorizes by
  role. The gateway must pass credentials through unchanged and the service's UNAUTHENTICATED and
  PERMISSION_DENIED answers back to the client. The sample echoes secrets only as SHA-256 digests,
  so the scenarios prove the password arrived intact without it appearing anywhere.

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

  Scenario: credentials reach the backend intact and the login succeeds
    When the client calls "com.example.User/Login" as "alice"
    Then the call is served by "user-v1"
    And the backend receives the credentials of "alice" intact
    And no password appears in the response

  Scenario: a call without credentials is UNAUTHENTICATED
    When the client calls "com.example.User/Login" without credentials
    Then the answer is UNAUTHENTICATED from "user-v1"

  Scenario: a wrong password is UNAUTHENTICATED
    When the client calls "com.example.User/Login" as "alice" with a wrong password
    Then the answer is UNAUTHENTICATED from "user-v1"
    And no password appears in the response

  Scenario: a method the role may not call is PERMISSION_DENIED
    When the client calls "com.example.User/DeleteUser" as "alice"
    Then the answer is PERMISSION_DENIED from "user-v1"

  Scenario: the admin role may call every method
    When the client calls "com.example.User/DeleteUser" as "admin"
    Then the call is served by "user-v1"
    And the backend receives the credentials of "admin" intact
