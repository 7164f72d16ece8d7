@reflection @core
Feature: gRPC reflection works through the gateway where a rule routes it
  grpcurl-style tools list services, describe methods and call them by name over the reflection
  service. Through a gateway that works only where a rule routes grpc.reflection.v1.ServerReflection
  to a backend that serves it.

  Background:
    Given a Greeter backend "greeter-v1"
    And the Gateway "same-namespace" with listeners:
      | name | protocol | port |
      | http | HTTP     | 80   |
    And these objects are applied:
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata:
        name: greeter-with-reflection
      spec:
        parentRefs:
        - name: same-namespace
        hostnames:
        - reflect.example.com
        rules:
        - matches:
          - method:
              service: helloworld.Greeter
          - method:
              service: grpc.reflection.v1.ServerReflection
          backendRefs:
          - name: greeter-v1
            port: 8080
      """
    And the client connects to Gateway "same-namespace" on port 80
    And the client uses authority "reflect.example.com"

  Scenario: reflection lists the services of the backend
    Then reflection lists the services "helloworld.Greeter, grpc.reflection.v1.ServerReflection"

  Scenario: reflection describes a method
    Then reflection describes "helloworld.Greeter/SayHello" as "rpc SayHello ( .helloworld.HelloRequest ) returns ( .helloworld.HelloReply );"
    And reflection describes "helloworld.Greeter/SayHelloStreamReply" as "rpc SayHelloStreamReply ( .helloworld.HelloRequest ) returns ( stream .helloworld.HelloReply );"

  Scenario: a method is invoked by name with a JSON request
    Then invoking "helloworld.Greeter/SayHello" by reflection with '{"name":"reflection"}' replies '{"message":"Hello reflection"}'
