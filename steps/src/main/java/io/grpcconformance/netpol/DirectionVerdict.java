package io.grpcconformance.netpol;

import java.util.List;

/**
 * The decision for one direction (ingress at the destination, or egress at the source).
 *
 * @param selectingPolicies policies ({@code namespace/name}) that select the pod for this
 *     direction; empty means the pod is not isolated in this direction
 * @param allowingPolicies the selecting policies that have a rule allowing this traffic
 */
public record DirectionVerdict(List<String> selectingPolicies, List<String> allowingPolicies) {

  public DirectionVerdict {
    selectingPolicies = List.copyOf(selectingPolicies);
    allowingPolicies = List.copyOf(allowingPolicies);
  }

  /** Whether some policy selects the pod for this direction. */
  public boolean isolated() {
    return !selectingPolicies.isEmpty();
  }

  /** Not isolated, or allowed by at least one selecting policy (policies are additive). */
  public boolean allowed() {
    return !isolated() || !allowingPolicies.isEmpty();
  }
}
