package io.grpcconformance.harness.env;

/**
 * Something a scenario needs from its environment beyond the Gateway API. Where it is missing, a
 * scenario tagged with {@link #tag()} is skipped before its first step, with the environment's
 * reason; a capability without a tag is checked by a step instead (so the scenario can first show
 * what it would have checked, e.g. the expected reachability matrix).
 */
public enum Capability {
  /**
   * NetworkPolicy is enforced by the CNI; checked by "NetworkPolicy is enforced in this
   * environment".
   */
  NETWORK_POLICY(""),
  /**
   * An ingress controller with ingress-nginx gRPC semantics serves the configured ingress class.
   */
  INGRESS("@ingress");

  private final String tag;

  Capability(String tag) {
    this.tag = tag;
  }

  /**
   * The scenario tag that declares the need, e.g. {@code @ingress}; empty when a step checks it.
   */
  public String tag() {
    return tag;
  }
}
