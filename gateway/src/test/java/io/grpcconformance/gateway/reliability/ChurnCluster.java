package io.grpcconformance.gateway.reliability;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.HashSet;
import java.util.Set;

/**
 * The objects of the endpoint-churn test in the (mock) cluster: a Gateway on 8080, Service
 * greeter-svc and a route greeter.example.com → greeter-svc, plus one EndpointSlice per backend
 * (all backends are on 127.0.0.1, each on its own port, so each needs its own slice).
 */
final class ChurnCluster {
  private final KubernetesClient client;

  ChurnCluster(KubernetesClient client) {
    this.client = client;
    for (String yaml :
        new String[] {
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: GatewayClass
          metadata: {name: grpc-conformance}
          spec: {controllerName: grpc-conformance.io/gateway}
          """,
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata: {name: churn-gw, namespace: default}
          spec:
            gatewayClassName: grpc-conformance
            listeners: [{name: http, port: 8080, protocol: HTTP}]
          """,
          """
          apiVersion: v1
          kind: Service
          metadata: {name: greeter-svc, namespace: default}
          spec:
            ports: [{name: grpc, port: 50051, targetPort: grpc}]
          """,
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: GRPCRoute
          metadata: {name: greeter, namespace: default}
          spec:
            parentRefs: [{name: churn-gw}]
            hostnames: [greeter.example.com]
            rules:
            - backendRefs: [{name: greeter-svc, port: 50051}]
          """
        }) {
      client
          .resource(
              Serialization.unmarshal(yaml, io.fabric8.kubernetes.api.model.HasMetadata.class))
          .create();
    }
  }

  /** Creates or replaces the slice of backend {@code name} at 127.0.0.1:{@code port}. */
  void slice(String name, int port, boolean ready) {
    EndpointSlice slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName("greeter-svc-" + name)
            .withNamespace("default")
            .addToLabels("kubernetes.io/service-name", "greeter-svc")
            .endMetadata()
            .withAddressType("IPv4")
            .addNewPort()
            .withName("grpc")
            .withPort(port)
            .withProtocol("TCP")
            .endPort()
            .addNewEndpoint()
            .addToAddresses("127.0.0.1")
            .withNewConditions()
            .withReady(ready)
            .endConditions()
            .endEndpoint()
            .build();
    client.resource(slice).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
  }

  /** The ports of the endpoints the gateway currently routes greeter.example.com to. */
  static Set<Integer> routedPorts(EmbeddedGateway gateway) {
    Set<Integer> ports = new HashSet<>();
    for (PortRoutes port : gateway.lastResult().table().ports().values()) {
      for (VirtualHost host : port.virtualHosts()) {
        for (Route route : host.routes()) {
          for (WeightedBackend backend : route.action().backends()) {
            for (Endpoint e : backend.endpoints()) {
              ports.add(e.port());
            }
          }
        }
      }
    }
    return ports;
  }
}
