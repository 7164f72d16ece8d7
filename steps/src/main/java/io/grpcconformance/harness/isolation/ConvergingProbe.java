package io.grpcconformance.harness.isolation;

import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.MatrixDiff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Checks a matrix after a change the way upstream's netpol e2e does since 2023, plus a confirming
 * pass (ingress-netpol.md Part C, "Timing"):
 *
 * <ol>
 *   <li>probe every cell once;
 *   <li>re-probe only the cells that do not match yet, every {@link
 *       IsolationConfig#pollInterval()}, until each matches or {@link
 *       IsolationConfig#cellConvergence()} has passed since the change (policy programming is
 *       asynchronous and has no status in the API);
 *   <li>then probe every cell once more, without retries: this confirming pass decides, so a cell
 *       that flapped, or matched only through a lucky poll, is still caught.
 * </ol>
 *
 * <p>Each cell's convergence time (change → first matching result) is recorded: per-CNI policy
 * programming latency, for free. Loopback cells are not probed when they are ignored.
 */
public final class ConvergingProbe {

  private static final Logger LOG = Logger.getLogger(ConvergingProbe.class.getName());

  private final Prober prober;
  private final IsolationConfig config;
  private final LongSupplier ticker;

  /**
   * @param ticker the same nanosecond clock the prober stamps results with
   */
  public ConvergingProbe(Prober prober, IsolationConfig config, LongSupplier ticker) {
    this.prober = Objects.requireNonNull(prober, "prober");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Checks {@code expected} on {@code port} for a change made at {@code changedAtNanos} (the
   * ticker's time; convergence is measured from there).
   */
  public ConvergenceResult converge(
      DeployedModel model, Matrix expected, int port, long changedAtNanos) {
    return converge(model, expected, port, changedAtNanos, config.cellConvergence());
  }

  /** {@link #converge(DeployedModel, Matrix, int, long)} with another bound (the baseline's). */
  public ConvergenceResult converge(
      DeployedModel model, Matrix expected, int port, long changedAtNanos, Duration bound) {
    return converge(model, expected, port, changedAtNanos, bound, cells(model));
  }

  /**
   * The same over {@code cells} only: the others are neither probed nor compared (they take the
   * expected value, as ignored loopback cells do).
   */
  public ConvergenceResult converge(
      DeployedModel model,
      Matrix expected,
      int port,
      long changedAtNanos,
      Duration bound,
      List<Cell> cells) {
    Observation first = prober.probe(model, cells, port);
    Map<Cell, Duration> converged = new LinkedHashMap<>();
    Set<Cell> pending = new LinkedHashSet<>();
    record(first, expected, changedAtNanos, converged, pending);
    int[] rounds = {1};
    if (!pending.isEmpty()) {
      Duration left = bound.minusNanos(ticker.getAsLong() - changedAtNanos);
      if (!left.isNegative() && !left.isZero()) {
        try {
          // One poll may take up to an exec timeout: the bound is checked between polls, and the
          // cells still pending when it passes are decided by the confirming pass.
          Awaitility.await("cells converge on TCP " + port)
              .pollInSameThread()
              .pollDelay(config.pollInterval())
              .pollInterval(config.pollInterval())
              .atMost(left.plus(config.execTimeout()))
              .until(
                  () -> {
                    rounds[0]++;
                    Observation poll = prober.probe(model, List.copyOf(pending), port);
                    record(poll, expected, changedAtNanos, converged, pending);
                    long elapsed = ticker.getAsLong() - changedAtNanos;
                    return pending.isEmpty() || elapsed >= bound.toNanos();
                  });
        } catch (ConditionTimeoutException e) {
          LOG.info(pending.size() + " cells did not converge on TCP " + port + ": " + pending);
        }
      }
    }
    Observation confirmation = prober.probe(model, cells, port);
    rounds[0]++;
    MatrixDiff diff =
        MatrixDiff.compare(expected, confirmation.toMatrix(expected), config.ignoreLoopback());
    return new ConvergenceResult(port, expected, first, confirmation, diff, converged, rounds[0]);
  }

  /** Every cell of the model, in matrix order, without loopback when it is ignored. */
  List<Cell> cells(DeployedModel model) {
    List<Cell> cells = new ArrayList<>();
    for (String from : model.keys()) {
      for (String to : model.keys()) {
        if (!(config.ignoreLoopback() && from.equals(to))) {
          cells.add(new Cell(from, to));
        }
      }
    }
    return cells;
  }

  private static void record(
      Observation observation,
      Matrix expected,
      long changedAt,
      Map<Cell, Duration> converged,
      Set<Cell> pending) {
    for (CellProbe probe : observation.probes().values()) {
      Cell cell = probe.cell();
      if (probe.outcome().agrees(expected.allowed(cell.from(), cell.to()))) {
        converged.putIfAbsent(cell, Duration.ofNanos(Math.max(0, probe.atNanos() - changedAt)));
        pending.remove(cell);
      } else {
        pending.add(cell);
      }
    }
  }
}
