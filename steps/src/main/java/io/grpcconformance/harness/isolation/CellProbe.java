package io.grpcconformance.harness.isolation;

import java.util.Objects;

/**
 * The result of probing one cell once.
 *
 * @param cell the probed pair
 * @param outcome connected, blocked or check failed
 * @param detail the probe line, or why the check failed
 * @param atNanos when the result came back (the prober's ticker), to time convergence
 */
public record CellProbe(Cell cell, CellOutcome outcome, String detail, long atNanos) {
  public CellProbe {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
