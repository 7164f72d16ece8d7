package io.grpcconformance.netpol;

/**
 * One reason a NetworkPolicy would be refused by the API server.
 *
 * @param field the JSON path of the offending field, e.g. {@code
 *     spec.ingress[0].from[1].ipBlock.cidr}
 * @param message what is wrong with it
 */
public record PolicyProblem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
