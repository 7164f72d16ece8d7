package io.grpcconformance.harness.cluster;

/**
 * An environment whose gateway runs in the cluster and whose logs can be attached to a failed scenario's report,
 * e.g. {@code if (env instanceof GatewayLogSource g) scenario.attach(g.gatewayLogs(), "text/plain", "gateway logs")}.
 */
public interface GatewayLogSource {
  /** The recent log lines of every gateway pod, each pod under a header line; never throws. */
  String gatewayLogs();
}
