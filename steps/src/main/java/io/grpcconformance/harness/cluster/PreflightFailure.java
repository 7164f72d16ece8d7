package io.grpcconformance.harness.cluster;

/**
 * One failed preflight check.
 *
 * @param check what was checked, e.g. {@code docker}, {@code image grpc-conformance/gateway:0.1.0}
 * @param reason why it failed, one line, e.g. {@code Docker daemon not reachable}
 * @param fix what the user can do, one line
 */
public record PreflightFailure(String check, String reason, String fix) {
  /** {@code <reason> (fix: <fix>)} */
  public String line() {
    return reason + " (fix: " + fix + ")";
  }
}
