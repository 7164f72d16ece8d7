package io.grpcconformance.harness.cluster;

import java.util.List;

/** The Gateway API standard-channel CRDs the suite needs (GRPCRoute v1 is standard since v1.1.0). */
public final class GatewayApiCrds {
  public static final List<String> REQUIRED = List.of(
      "gatewayclasses.gateway.networking.k8s.io",
      "gateways.gateway.networking.k8s.io",
      "grpcroutes.gateway.networking.k8s.io",
      "referencegrants.gateway.networking.k8s.io");

  private GatewayApiCrds() {}
}
