package io.grpcconformance.harness.cluster;

import java.util.List;

/**
 * Fixed NodePorts of the in-cluster gateway's Service, reachable from the test JVM: mapped by the KIND lab's
 * cluster-config.yaml (extraPortMappings, host 127.0.0.1) and exposed by the k3s container.
 */
public final class GatewayNodePorts {
  /** NodePort of the gateway's plaintext (h2c) gRPC listener. */
  public static final int PLAINTEXT = 30080;
  /** NodePort of the gateway's TLS gRPC listener. */
  public static final int TLS = 30443;
  /** Both, in a fixed order. */
  public static final List<Integer> ALL = List.of(PLAINTEXT, TLS);

  private GatewayNodePorts() {}
}
