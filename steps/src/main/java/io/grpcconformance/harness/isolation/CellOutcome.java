package io.grpcconformance.harness.isolation;

/**
 * What a probe of one cell found. A failed check is neither allowed nor blocked: it is shown as
 * {@code !} (cyclonus' mark) and never counted as a policy verdict.
 */
public enum CellOutcome {
  /** TCP connected and, when asked, the health check answered SERVING. */
  CONNECTED("."),
  /** TCP timed out, was refused or unreachable: what a NetworkPolicy block produces. */
  BLOCKED("X"),
  /**
   * The probe itself failed (exec error, DNS, unparsable output) or TCP connected but gRPC did not
   * answer SERVING: the path is neither clearly open nor clearly blocked.
   */
  CHECK_FAILED("!");

  private final String mark;

  CellOutcome(String mark) {
    this.mark = mark;
  }

  /** The table mark: {@code .}, {@code X} or {@code !}. */
  public String mark() {
    return mark;
  }

  /** Whether this outcome agrees with an expected {@code allowed}. */
  public boolean agrees(boolean allowed) {
    return this == (allowed ? CONNECTED : BLOCKED);
  }
}
