package io.grpcconformance.harness.isolation;

import io.grpcconformance.netpol.Matrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The probe results of one pass over (some) cells of a matrix, keyed by cell in probing order.
 * Immutable.
 *
 * @param pods the matrix's pods, in order
 * @param probes the results, by cell
 */
public record Observation(List<String> pods, Map<Cell, CellProbe> probes) {

  public Observation {
    pods = List.copyOf(pods);
    probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
  }

  /** The result for {@code cell}, if it was probed. */
  public Optional<CellProbe> get(Cell cell) {
    return Optional.ofNullable(probes.get(cell));
  }

  /** This observation with {@code newer} results replacing the older ones of their cells. */
  public Observation merge(Observation newer) {
    Map<Cell, CellProbe> merged = new LinkedHashMap<>(probes);
    merged.putAll(newer.probes);
    return new Observation(pods, merged);
  }

  /** Cells whose check failed, in matrix order. */
  public List<CellProbe> checkFailed() {
    List<CellProbe> failed = new ArrayList<>();
    for (String from : pods) {
      for (String to : pods) {
        CellProbe probe = probes.get(new Cell(from, to));
        if (probe != null && probe.outcome() == CellOutcome.CHECK_FAILED) {
          failed.add(probe);
        }
      }
    }
    return failed;
  }

  /**
   * The observed matrix: connected cells allowed, everything else not; cells that were not probed
   * take {@code unprobed}'s value (the expectation, so that they never count as wrong: they are
   * the ignored loopback cells).
   */
  public Matrix toMatrix(Matrix unprobed) {
    return Matrix.of(
        pods,
        (from, to) -> {
          CellProbe probe = probes.get(new Cell(from, to));
          return probe == null
              ? unprobed.allowed(from, to)
              : probe.outcome() == CellOutcome.CONNECTED;
        });
  }

  /** The observed table: {@code .} connected, {@code X} blocked, {@code !} check failed, {@code -} not probed. */
  public String toTable() {
    return Tables.render(
        pods,
        (from, to) -> get(new Cell(from, to)).map(p -> p.outcome().mark()).orElse("-"));
  }
}
