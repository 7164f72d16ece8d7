package io.grpcconformance.netpol;

/**
 * Why traffic from one pod to another on a port is allowed or blocked.
 *
 * @param ingress the decision at the destination pod
 * @param egress the decision at the source pod
 */
public record Verdict(DirectionVerdict ingress, DirectionVerdict egress) {

  /** Traffic flows only when the destination's ingress and the source's egress both allow it. */
  public boolean allowed() {
    return ingress.allowed() && egress.allowed();
  }
}
