package io.grpcconformance.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * target/bench/results.json: per system and scenario the medians ({@code rps},
 * {@code cpu_us_per_call}, {@code p50_us}, {@code p99_us}, {@code p999_us}, {@code errors},
 * {@code placement_ok}), the ratios, the goals, and every window.
 */
public final class ResultsJson {
  private ResultsJson() {}

  public static String render(RunReport report) {
    Map<String, Object> root = Json.object();
    root.put("machine", report.machine());
    root.put("rounds", report.rounds());
    root.put("settings", report.settings());
    root.put("systems", report.labels());
    root.put("unavailable", report.unavailable());
    root.put("fixed_load_rps", report.fixedRate());
    Map<String, Object> results = Json.object();
    report.results().forEach((system, scenarios) -> {
      Map<String, Object> bySystem = Json.object();
      scenarios.forEach((scenario, a) -> bySystem.put(scenario, aggregate(a)));
      results.put(system, bySystem);
    });
    root.put("results", results);
    root.put("ratios", ratios(new Ratios(report.results())));
    Map<String, Object> gc = Json.object();
    gc.put("collector", report.gc().collector());
    gc.put("pauses", report.gc().pauses());
    gc.put("max_pause_in_measured_windows_ms", report.maxPauseInWindowsMillis());
    gc.put("max_pause_ms", report.gc().maxPauseMillis());
    gc.put("total_pause_ms", report.gc().totalPauseMillis());
    root.put("gateway_gc", gc);
    List<Object> goals = new ArrayList<>();
    for (Goal g : report.goals()) {
      Map<String, Object> o = Json.object();
      o.put("goal", g.name());
      o.put("target", g.target());
      o.put("measured", g.value());
      o.put("result", g.status());
      goals.add(o);
    }
    root.put("goals", goals);
    List<Object> windows = new ArrayList<>();
    for (Measurement m : report.measurements()) {
      windows.add(window(m));
    }
    root.put("windows", windows);
    return Json.write(root);
  }

  private static Map<String, Object> aggregate(Aggregate a) {
    Map<String, Object> o = Json.object();
    o.put("rps", a.rps());
    o.put("cpu_us_per_call", a.cpuUsPerCall());
    o.put("p50_us", a.p50Us());
    o.put("p99_us", a.p99Us());
    o.put("p999_us", a.p999Us());
    o.put("errors", a.errors());
    o.put("unfinished", a.unfinished());
    o.put("placement_ok", a.placementOk());
    o.put("rounds", a.rounds());
    o.put("placed_rounds", a.placedRounds());
    o.put("rps_min", a.rpsMin());
    o.put("rps_max", a.rpsMax());
    o.put("backend_cpu_us_per_call", a.backendCpuUsPerCall());
    o.put("context_switches_per_call", a.contextSwitchesPerCall());
    return o;
  }

  private static Map<String, Object> ratios(Ratios r) {
    Map<String, Object> o = Json.object();
    for (String scenario : List.of("unary_h2c", "unary_tls", "fixed_load", "server_streaming")) {
      Map<String, Object> s = Json.object();
      for (String[] pair : new String[][] {{"G", "D"}, {"H", "D"}, {"N", "D"}, {"G", "H"},
          {"N", "H"}}) {
        String name = pair[0] + "/" + pair[1];
        s.put("rps " + name, r.ratio(pair[0], pair[1], scenario, Aggregate::rps));
        s.put("cpu " + name, r.ratio(pair[0], pair[1], scenario, Aggregate::cpuUsPerCall));
      }
      o.put(scenario, s);
    }
    Map<String, Object> added = Json.object();
    for (String system : List.of("G", "H", "N")) {
      added.put(system + " p50_us", r.difference(system, "D", "one_in_flight", Aggregate::p50Us));
      added.put(system + " p99_us", r.difference(system, "D", "one_in_flight", Aggregate::p99Us));
      added.put(system + " p999_us",
          r.difference(system, "D", "one_in_flight", Aggregate::p999Us));
    }
    o.put("one_in_flight_added_latency", added);
    o.put("G tls/h2c rps", r.ratioAcross("G", "unary_tls", "unary_h2c", Aggregate::rps));
    return o;
  }

  private static Map<String, Object> window(Measurement m) {
    Map<String, Object> o = Json.object();
    o.put("round", m.round());
    o.put("system", m.system());
    o.put("scenario", m.scenario());
    o.put("seconds", m.seconds());
    o.put("calls", m.calls());
    o.put("rps", m.rps());
    o.put("cpu_us_per_call", m.cpuUsPerCall());
    o.put("backend_cpu_us_per_call", m.backendCpuUsPerCall());
    o.put("context_switches_per_call", m.contextSwitchesPerCall());
    o.put("p50_us", m.p50Us());
    o.put("p99_us", m.p99Us());
    o.put("p999_us", m.p999Us());
    o.put("errors", m.errors());
    o.put("unfinished", m.unfinished());
    o.put("placement_ok", m.placementOk());
    o.put("placement_note", m.placementNote());
    o.put("sut_cpu_busy_pct", m.sutCpuBusyPercent());
    o.put("driver_cpu_busy_pct", m.driverCpuBusyPercent());
    o.put("foreign_pct", m.foreignPercent());
    return o;
  }
}
