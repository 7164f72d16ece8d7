package io.grpcconformance.harness.cluster;

/** A readiness stage did not finish within its named timeout; the message says what was last observed. */
public final class ClusterNotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterNotReadyException(String message, Throwable cause) {
    super(message, cause);
  }
}
