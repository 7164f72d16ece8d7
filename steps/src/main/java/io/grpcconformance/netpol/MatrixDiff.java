package io.grpcconformance.netpol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The comparison of an expected and an observed {@link Matrix}, as upstream {@code
 * Reachability.Summary}: correct, incorrect and ignored counts, the mismatching cells, and a
 * comparison table ({@code .} agree, {@code X} differ, {@code -} ignored).
 *
 * @param expected the matrix the policies give
 * @param observed the matrix the probes saw
 * @param ignoreLoopback whether pod-to-itself cells were left out (upstream does: CNIs differ
 *     there)
 * @param mismatches the cells that differ, in matrix order
 * @param correct how many compared cells agree
 * @param ignored how many cells were not compared
 */
public record MatrixDiff(
    Matrix expected,
    Matrix observed,
    boolean ignoreLoopback,
    List<Mismatch> mismatches,
    int correct,
    int ignored) {

  /** One cell where observation and expectation differ. */
  public record Mismatch(String from, String to, boolean expected, boolean observed) {
    @Override
    public String toString() {
      return from
          + " -> "
          + to
          + ": expected "
          + (expected ? "allowed" : "blocked")
          + ", observed "
          + (observed ? "allowed" : "blocked");
    }
  }

  public MatrixDiff {
    mismatches = List.copyOf(mismatches);
  }

  /**
   * Compares cell by cell in {@code expected}'s order.
   *
   * @throws IllegalArgumentException when the two matrices are not over the same pods
   */
  public static MatrixDiff compare(Matrix expected, Matrix observed, boolean ignoreLoopback) {
    if (!new HashSet<>(expected.pods()).equals(new HashSet<>(observed.pods()))) {
      throw new IllegalArgumentException(
          "expected pods " + expected.pods() + " differ from observed pods " + observed.pods());
    }
    List<Mismatch> mismatches = new ArrayList<>();
    int correct = 0;
    int ignored = 0;
    for (String from : expected.pods()) {
      for (String to : expected.pods()) {
        if (ignoreLoopback && from.equals(to)) {
          ignored++;
          continue;
        }
        boolean want = expected.allowed(from, to);
        boolean got = observed.allowed(from, to);
        if (want == got) {
          correct++;
        } else {
          mismatches.add(new Mismatch(from, to, want, got));
        }
      }
    }
    return new MatrixDiff(expected, observed, ignoreLoopback, mismatches, correct, ignored);
  }

  /** How many compared cells differ. */
  public int incorrect() {
    return mismatches.size();
  }

  /** Whether every compared cell agrees. */
  public boolean matches() {
    return mismatches.isEmpty();
  }

  /** {@code .} where the cells agree, {@code X} where they differ, {@code -} where ignored. */
  public String comparisonTable() {
    return MatrixText.table(
        expected.pods(),
        (from, to) -> {
          if (ignoreLoopback && from.equals(to)) {
            return "-";
          }
          return expected.allowed(from, to) == observed.allowed(from, to) ? "." : "X";
        });
  }

  /** One line, e.g. {@code reachability: correct:71, incorrect:1, ignored:9}. */
  public String summary() {
    return "reachability: correct:"
        + correct
        + ", incorrect:"
        + incorrect()
        + ", ignored:"
        + ignored;
  }

  /** Expected, observed and comparison tables, the summary and the mismatches, for a report. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append("expected:\n").append(expected.toTable()).append('\n');
    out.append("observed:\n").append(observed.toTable()).append('\n');
    out.append("comparison:\n").append(comparisonTable()).append('\n');
    out.append(summary()).append('\n');
    mismatches.forEach(m -> out.append("  ").append(m).append('\n'));
    return out.toString();
  }
}
