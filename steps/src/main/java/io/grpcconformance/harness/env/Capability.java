package io.grpcconformance.harness.env;

/**
 * Something a scenario needs from its environment beyond the Gateway API. A scenario tagged with
 * {@link #tag()} is skipped, with the environment's reason, where the capability is missing.
 */
public enum Capability {
  /** NetworkPolicy is enforced by the CNI. */
  NETWORK_POLICY("@isolation"),
  /** An ingress controller with ingress-nginx gRPC semantics serves the configured ingress class. */
  INGRESS("@ingress");

  private final String tag;

  Capability(String tag) {
    this.tag = tag;
  }

  /** The scenario tag that declares the need, e.g. {@code @isolation}. */
  public String tag() {
    return tag;
  }
}
