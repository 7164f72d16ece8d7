package io.grpcconformance.harness.isolation;

import java.time.Duration;
import java.util.Locale;

/**
 * The text a scenario attaches for one checked matrix, in upstream's debugging layout: expected,
 * observed and comparison tables side by side in reading order, the summary line, every mismatch
 * and failed check with its probe line, then the per-cell convergence times in seconds.
 */
final class IsolationReport {

  private IsolationReport() {}

  static String render(ConvergenceResult r) {
    StringBuilder out = new StringBuilder();
    out.append("TCP ").append(r.port()).append(": ")
        .append(r.passed() ? "observed matches expected" : "observed DIFFERS from expected")
        .append(" (").append(r.rounds()).append(" passes)\n\n");
    out.append("expected (. allowed, X blocked):\n").append(r.expected().toTable()).append('\n');
    out.append("observed, confirming pass (! check failed, - not probed):\n")
        .append(r.confirmation().toTable()).append('\n');
    out.append("comparison (. agree, X differ, - ignored):\n")
        .append(r.diff().comparisonTable()).append('\n');
    out.append(r.diff().summary())
        .append(", check-failed:").append(r.checkFailed().size()).append('\n');
    for (var m : r.diff().mismatches()) {
      var probe = r.confirmation().get(new Cell(m.from(), m.to()));
      if (probe.isPresent() && probe.get().outcome() == CellOutcome.CHECK_FAILED) {
        continue; // listed below as a failed check: it was neither allowed nor blocked
      }
      out.append("  ").append(m);
      probe.ifPresent(p -> out.append("  [").append(p.detail()).append(']'));
      out.append('\n');
    }
    for (CellProbe failed : r.checkFailed()) {
      out.append("  ").append(failed.cell()).append(": check failed: ")
          .append(failed.detail()).append('\n');
    }
    out.append('\n').append(convergenceTable(r));
    return out.toString();
  }

  /** Seconds from the change to each cell's first matching result; {@code >} never matched. */
  static String convergenceTable(ConvergenceResult r) {
    StringBuilder out = new StringBuilder("convergence, seconds after the change (> never matched):\n");
    out.append(
        Tables.render(
            r.expected().pods(),
            (from, to) -> {
              Cell cell = new Cell(from, to);
              if (r.confirmation().get(cell).isEmpty()) {
                return "-";
              }
              return r.convergenceOf(cell).map(IsolationReport::seconds).orElse(">");
            }));
    r.slowest().ifPresent(d -> out.append("slowest cell: ").append(seconds(d)).append(" s\n"));
    return out.toString();
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }
}
