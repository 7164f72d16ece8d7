package io.grpcconformance.netpol;

import java.util.List;
import java.util.stream.Collectors;

/** A NetworkPolicy the API server would refuse; the message names the policy and every field. */
public final class InvalidPolicyException extends IllegalArgumentException {

  private final String policy;
  private final transient List<PolicyProblem> problems;

  /** A refusal of {@code policy} ({@code namespace/name}) for the given problems. */
  public InvalidPolicyException(String policy, List<PolicyProblem> problems) {
    super(
        "NetworkPolicy "
            + policy
            + " is invalid: "
            + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; ")));
    this.policy = policy;
    this.problems = List.copyOf(problems);
  }

  /** The refused policy as {@code namespace/name}. */
  public String policy() {
    return policy;
  }

  /** What is wrong, one problem per field. */
  public List<PolicyProblem> problems() {
    return problems;
  }
}
