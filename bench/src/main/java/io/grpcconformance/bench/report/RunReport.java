package io.grpcconformance.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything the reports are made from.
 *
 * @param machine one line: CPU count, model, kernel
 * @param rounds rounds per scenario
 * @param results system → scenario → medians
 * @param measurements every window
 * @param labels system id → description
 * @param unavailable system id → why it was not measured
 * @param fixedRate offered rate of the fixed-load scenario, NaN when not run
 * @param gc the gateway's GC log summary (whole run, start-up included)
 * @param maxPauseInWindowsMillis the longest gateway GC pause inside its measured windows
 * @param goals the evaluated goals
 * @param settings the run's settings, as name → value text
 */
public record RunReport(String machine, int rounds, Map<String, Map<String, Aggregate>> results,
    List<Measurement> measurements, Map<String, String> labels, Map<String, String> unavailable,
    double fixedRate, GcLog gc, double maxPauseInWindowsMillis, List<Goal> goals,
    Map<String, String> settings) {}
