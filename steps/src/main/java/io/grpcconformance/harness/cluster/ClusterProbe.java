package io.grpcconformance.harness.cluster;

import java.util.List;

/** What the kubeconfig environment's preflight asks an existing cluster (after the context was allowed). */
public interface ClusterProbe {
  /** The API server of the chosen context answers. */
  ProbeResult apiReachable();

  /** The names of the given CRDs that are missing (empty when all exist). */
  List<String> missingCrds(List<String> crds);

  /** The GatewayClass exists. */
  ProbeResult gatewayClassExists(String name);

  /** The images that no node reports in its status (empty when all are present on some node). */
  List<String> imagesMissingOnNodes(List<String> images);
}
