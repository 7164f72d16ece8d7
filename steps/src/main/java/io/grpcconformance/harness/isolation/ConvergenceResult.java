package io.grpcconformance.harness.isolation;

import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.MatrixDiff;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of checking one matrix after a change: the confirming pass decides.
 *
 * @param port the probed TCP port
 * @param expected what the policies give
 * @param firstPass the first observation after the change (for latency diagnostics)
 * @param confirmation the confirming full pass, made without retries once polling ended
 * @param diff expected against the confirming pass
 * @param convergence per cell, how long after the change it first matched; cells absent here never
 *     matched within the bound
 * @param rounds how many passes were made in total (first, polls, confirmation)
 */
public record ConvergenceResult(
    int port,
    Matrix expected,
    Observation firstPass,
    Observation confirmation,
    MatrixDiff diff,
    Map<Cell, Duration> convergence,
    int rounds) {

  public ConvergenceResult {
    convergence = Map.copyOf(convergence);
  }

  /** Cells whose check failed in the confirming pass. */
  public List<CellProbe> checkFailed() {
    return confirmation.checkFailed();
  }

  /** Whether every compared cell matched and no check failed in the confirming pass. */
  public boolean passed() {
    return diff.matches() && checkFailed().isEmpty();
  }

  /** How long {@code cell} took to match, if it did. */
  public Optional<Duration> convergenceOf(Cell cell) {
    return Optional.ofNullable(convergence.get(cell));
  }

  /** The slowest convergence among the cells that converged. */
  public Optional<Duration> slowest() {
    return convergence.values().stream().max(Duration::compareTo);
  }

  /** The text report: tables, summary, mismatches, failed checks and convergence times. */
  public String report() {
    return IsolationReport.render(this);
  }
}
