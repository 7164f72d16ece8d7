package io.grpcconformance.harness.cluster;

import java.util.List;

/**
 * Fixed NodePorts of the in-cluster gateway's Service (manifests/gateway/), reachable from the test JVM: mapped
 * by the KIND lab's cluster-config.yaml (extraPortMappings to 127.0.0.1:50080 and :50051) and exposed by the k3s
 * container. A Service port without one of these NodePorts is reached through a port-forward instead.
 */
public final class GatewayNodePorts {
  /** NodePort of the gateway's plaintext (h2c) gRPC listener, Service port 80. */
  public static final int PLAINTEXT = 30080;
  /** NodePort of the gateway's TLS gRPC listener, Service port 443. */
  public static final int TLS = 30051;
  /** Both, in a fixed order. */
  public static final List<Integer> ALL = List.of(PLAINTEXT, TLS);

  private GatewayNodePorts() {}
}
