package io.grpcconformance.bench.report;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * target/bench/results.md: the medians per system, the ratios against direct (D) and against
 * HAProxy (H), and the goals table.
 */
public final class MarkdownReport {
  private static final List<String> SYSTEMS = List.of("D", "G", "H", "N");

  private MarkdownReport() {}

  /** The whole report. */
  public static String render(RunReport report) {
    Ratios r = new Ratios(report.results());
    StringBuilder md = new StringBuilder();
    md.append("### Results: medians of ").append(report.rounds())
        .append(" interleaved rounds (ratios are ratios of medians)\n\n");
    md.append("Machine: ").append(report.machine()).append("\n\n");
    md.append("| Scenario | Metric | D | G | H | N | G/D | H/D | N/D | G/H | N/H |\n");
    md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    row(md, r, "Unary h2c saturation", "calls/s", "unary_h2c", Aggregate::rps, "%,.0f");
    row(md, r, "Unary h2c saturation", "CPU µs/call", "unary_h2c", Aggregate::cpuUsPerCall,
        "%.1f");
    row(md, r, "Unary h2c saturation", "calls/s per core", "unary_h2c", MarkdownReport::perCore,
        "%,.0f");
    row(md, r, "Unary, TLS at the proxy", "calls/s", "unary_tls", Aggregate::rps, "%,.0f");
    row(md, r, "Unary, TLS at the proxy", "CPU µs/call", "unary_tls", Aggregate::cpuUsPerCall,
        "%.1f");
    row(md, r, "Unary, TLS at the proxy", "calls/s per core", "unary_tls", MarkdownReport::perCore,
        "%,.0f");
    row(md, r, "One call in flight", "p50 µs", "one_in_flight", Aggregate::p50Us, "%.0f");
    row(md, r, "One call in flight", "p99 µs", "one_in_flight", Aggregate::p99Us, "%.0f");
    row(md, r, "One call in flight", "p99.9 µs", "one_in_flight", Aggregate::p999Us, "%.0f");
    added(md, r, "p50", Aggregate::p50Us);
    added(md, r, "p99", Aggregate::p99Us);
    String load = Double.isNaN(report.fixedRate()) ? "Fixed load"
        : String.format("Fixed load %,.0f calls/s", report.fixedRate());
    row(md, r, load, "p50 µs", "fixed_load", Aggregate::p50Us, "%.0f");
    row(md, r, load, "p99 µs", "fixed_load", Aggregate::p99Us, "%.0f");
    row(md, r, load, "p99.9 µs", "fixed_load", Aggregate::p999Us, "%.0f");
    row(md, r, load, "CPU µs/call", "fixed_load", Aggregate::cpuUsPerCall, "%.1f");
    row(md, r, "Server streaming", "messages/s", "server_streaming", Aggregate::rps, "%,.0f");
    row(md, r, "Server streaming", "CPU µs/msg", "server_streaming", Aggregate::cpuUsPerCall,
        "%.2f");
    md.append("| All scenarios | errors (non-OK) |");
    for (String s : SYSTEMS) {
      double errors = r.totalErrors(s);
      md.append(' ').append(Double.isNaN(errors) ? "—" : String.format("%.0f", errors)).append(" |");
    }
    md.append(" | | | | |\n");
    md.append("| Fixed load, streaming | calls unfinished 5 s after the window |");
    for (String s : SYSTEMS) {
      Map<String, Aggregate> bySystem = report.results().get(s);
      md.append(' ').append(bySystem == null ? "—"
          : Long.toString(bySystem.values().stream().mapToLong(Aggregate::unfinished).sum()))
          .append(" |");
    }
    md.append(" | | | | |\n");
    md.append("| All scenarios | rounds with placement held |");
    for (String s : SYSTEMS) {
      md.append(' ').append(placement(report.results().get(s))).append(" |");
    }
    md.append(" | | | | |\n\n");
    md.append("D = direct to the echo backend (the backend alone on the system-under-test CPU), "
        + "G = embedded gateway, H = HAProxy, N = nginx grpc_pass. CPU is the system's own "
        + "utime+stime per call (for D, the backend's); calls/s per core = 10^6 / CPU µs per "
        + "call, the capacity of one dedicated core (performance.md §6d), which unlike calls/s "
        + "does not depend on how much of its core the system got. For CPU and latency lower is "
        + "better; for calls/s and messages/s higher is better. * = at least one round of this "
        + "value did not hold its placement; the median then uses the rounds that did, if any "
        + "(placed_rounds in results.json).\n\n");

    md.append("### Goals (issue 7)\n\n| Goal | Target | Measured | Result |\n|---|---|--:|---|\n");
    for (Goal g : report.goals()) {
      md.append("| ").append(g.name()).append(" | ").append(g.target()).append(" | ")
          .append(g.measured()).append(" | ").append(g.status()).append(" |\n");
    }
    md.append('\n');
    GcLog gc = report.gc();
    md.append(String.format("Gateway GC (%s): longest pause in its measured windows %s ms; whole "
            + "run including start-up and warm-up: %d pauses, longest %.1f ms, total %.0f ms.%n",
        gc.collector().isEmpty() ? "collector unknown" : gc.collector(),
        fmt(report.maxPauseInWindowsMillis(), "%.1f"), gc.pauses(), gc.maxPauseMillis(),
        gc.totalPauseMillis()));
    report.unavailable().forEach((system, reason) ->
        md.append("\n**").append(system).append(" not measured**: ").append(reason).append('\n'));
    return md.toString();
  }

  private static void row(StringBuilder md, Ratios r, String scenario, String metric, String key,
      ToDoubleFunction<Aggregate> value, String format) {
    md.append("| ").append(scenario).append(" | ").append(metric).append(" |");
    for (String s : SYSTEMS) {
      Aggregate a = r.get(s, key);
      md.append(' ').append(a == null ? "—" : fmt(value.applyAsDouble(a), format)
          + (a.placementOk() ? "" : "*")).append(" |");
    }
    for (String[] pair : new String[][] {{"G", "D"}, {"H", "D"}, {"N", "D"}, {"G", "H"},
        {"N", "H"}}) {
      md.append(' ').append(fmt(r.ratio(pair[0], pair[1], key, value), "%.2f")).append(" |");
    }
    md.append('\n');
  }

  private static void added(StringBuilder md, Ratios r, String name,
      ToDoubleFunction<Aggregate> value) {
    md.append("| One call in flight | added ").append(name).append(" µs vs D |");
    for (String s : SYSTEMS) {
      md.append(' ').append("D".equals(s) ? "—"
          : fmt(r.difference(s, "D", "one_in_flight", value), "%+.0f")).append(" |");
    }
    md.append(" | | | | |\n");
  }

  /** One dedicated core's capacity: 10^6 / µs of CPU per call. */
  static double perCore(Aggregate a) {
    return a.cpuUsPerCall() > 0 ? 1e6 / a.cpuUsPerCall() : Double.NaN;
  }

  private static String placement(Map<String, Aggregate> bySystem) {
    if (bySystem == null) {
      return "—";
    }
    int placed = bySystem.values().stream().mapToInt(Aggregate::placedRounds).sum();
    int total = bySystem.values().stream().mapToInt(Aggregate::rounds).sum();
    return placed + "/" + total;
  }

  static String fmt(double value, String format) {
    return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(format, value);
  }
}
