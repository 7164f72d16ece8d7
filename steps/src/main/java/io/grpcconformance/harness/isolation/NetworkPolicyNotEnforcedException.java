package io.grpcconformance.harness.isolation;

/**
 * The enforcement canary's default deny did not block: the cluster stores NetworkPolicies but its
 * CNI does not enforce them (flannel alone, kind before v0.24, ...), so every isolation result
 * would be meaningless.
 */
public final class NetworkPolicyNotEnforcedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public NetworkPolicyNotEnforcedException(String message) {
    super(message);
  }
}
