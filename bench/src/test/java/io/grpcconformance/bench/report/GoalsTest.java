package io.grpcconformance.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalsTest {

  private static Measurement window(int round, String system, String scenario, double rps,
      double cpu, double p50, double p99, long errors, boolean placed) {
    return new Measurement(round, system, scenario, 5, (long) (rps * 5), rps, cpu, 10, 0.5, p50, p99,
        p99 * 2, errors, 0, placed, placed ? "" : "moved", 99, 50, 1);
  }

  @Test
  void mediansUsePlacedRoundsOnlyWhenThereAreSome() {
    List<Measurement> windows = List.of(
        window(1, "G", "unary_h2c", 100, 10, Double.NaN, Double.NaN, 0, true),
        window(2, "G", "unary_h2c", 300, 30, Double.NaN, Double.NaN, 0, true),
        window(3, "G", "unary_h2c", 1_000_000, 1, Double.NaN, Double.NaN, 2, false),
        window(0, "G", "unary_h2c", 5, 5, Double.NaN, Double.NaN, 0, true));

    Aggregate g = Aggregate.of(windows).get("G").get("unary_h2c");

    assertThat(g.rounds()).isEqualTo(3); // warm-up (round 0) excluded
    assertThat(g.placedRounds()).isEqualTo(2);
    assertThat(g.rps()).isEqualTo(200);
    assertThat(g.cpuUsPerCall()).isEqualTo(20);
    assertThat(g.errors()).isEqualTo(2); // errors count in every round
    assertThat(g.placementOk()).isFalse();
    assertThat(g.p50Us()).isNaN();
  }

  @Test
  void goalsCompareTheGatewayWithHaproxyAndDirect() {
    List<Measurement> windows = List.of(
        window(1, "D", "one_in_flight", 10_000, 10, 60, 150, 0, true),
        window(1, "G", "one_in_flight", 8_000, 20, 100, 400, 0, true),
        window(1, "G", "unary_h2c", 50_000, 15, Double.NaN, Double.NaN, 0, true),
        window(1, "G", "unary_tls", 40_000, 19, Double.NaN, Double.NaN, 0, true),
        window(1, "H", "unary_h2c", 40_000, 20, Double.NaN, Double.NaN, 0, true),
        window(1, "G", "server_streaming", 300_000, 2.5, Double.NaN, Double.NaN, 1, true));
    Map<String, Map<String, Aggregate>> results = Aggregate.of(windows);

    List<Goal> goals = Goals.evaluate(results, 12.5);

    assertThat(goals).extracting(Goal::status).containsExactly(
        "PASS", // CPU 15/20 = 0.75
        "PASS", // throughput 50k/40k = 1.25
        "PASS", // added p50 40 µs
        "FAIL", // added p99 250 µs
        "FAIL", // TLS 0.80
        "PASS", // per core: H cpu 20 / G cpu 15 = 1.33
        "FAIL", // per core: G h2c cpu 15 / G TLS cpu 19 = 0.79
        "FAIL", // 2.5 µs per message
        "FAIL", // one error
        "FAIL", // 12.5 ms pause
        "NOT MEASURED"); // no fixed-load run
    assertThat(goals.get(0).measured()).isEqualTo("0.75");
    assertThat(goals.get(3).measured()).isEqualTo("250");
  }

  @Test
  void withoutTheGatewayEveryGoalIsNotMeasured() {
    List<Goal> goals = Goals.evaluate(Aggregate.of(List.of(
        window(1, "H", "unary_h2c", 40_000, 20, Double.NaN, Double.NaN, 0, true))),
        Double.NaN);
    assertThat(goals).extracting(Goal::status).containsOnly("NOT MEASURED");
  }

  @Test
  void markdownAndJsonCarryTheRatiosAndNullForMissingValues() {
    List<Measurement> windows = List.of(
        window(1, "D", "unary_h2c", 80_000, 10, Double.NaN, Double.NaN, 0, true),
        window(1, "H", "unary_h2c", 40_000, 20, Double.NaN, Double.NaN, 0, true));
    Map<String, Map<String, Aggregate>> results = Aggregate.of(windows);
    RunReport report = new RunReport("2 CPUs", 1, results, windows, Map.of("D", "direct"),
        Map.of("G", "did not start: no jar"), Double.NaN, new GcLog(0, 0, 0, ""), Double.NaN,
        Goals.evaluate(results, Double.NaN), Map.of());

    String md = MarkdownReport.render(report);
    String json = ResultsJson.render(report);

    assertThat(md).contains("| Unary h2c saturation | calls/s | 80,000 | — | 40,000 | — | — | 0.50 |");
    assertThat(md).contains("**G not measured**: did not start: no jar");
    assertThat(json).contains("\"p50_us\": null").contains("\"rps H/D\": 0.500")
        .contains("\"placement_ok\": true");
  }
}
