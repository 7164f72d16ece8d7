package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.samples.probe.ProbeTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The prober against scripted execs: command line, batching, parsing and classification. */
class ProberTest {

  private static final ModelNames NAMES = new ModelNames("gc-", "t0001");

  private final DeployedModel model = DeployedModel.of(NAMES, ips());
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  private static Map<String, String> ips() {
    Map<String, String> ips = new LinkedHashMap<>();
    int n = 10;
    for (String ns : List.of("x", "y", "z")) {
      for (String pod : List.of("a", "b", "c")) {
        ips.put(ns + "/" + pod, "10.42.0." + n++);
      }
    }
    return ips;
  }

  @Test
  void oneExecPerSourceInsideItsPodWithEveryTargetAndTheImageEntrypoint() {
    List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
    PodExec exec =
        (ns, pod, container, command, timeout) -> {
          calls.add(ns + "/" + pod + "/" + container + " " + timeout);
          commands.add(command);
          return ExecResult.exited(
              0,
              "Picked up JAVA_TOOL_OPTIONS: -Xmx64m\n"
                  + "PROBE 10.42.0.11:80 tcp=ok grpc=SERVING ms=4\n"
                  + "PROBE 10.42.0.15:80 tcp=timeout grpc=- ms=2001\n",
              "");
        };
    try (Prober prober = new Prober(exec, TestConfigs.fast(), System::nanoTime)) {
      Observation o =
          prober.probe(model, List.of(new Cell("x/a", "x/b"), new Cell("x/a", "y/c")), 80);

      assertThat(calls).containsExactly("gc-x-t0001/a/cont-80-tcp PT9S");
      assertThat(commands.get(0))
          .containsSubsequence(
              "java", "-cp", "@/app/jib-classpath-file",
              "io.grpcconformance.samples.SampleServicesMain", "probe",
              "--target", "10.42.0.11:80", "--target", "10.42.0.15:80",
              "--timeout", "2s", "--grpc-health");
      assertThat(o.get(new Cell("x/a", "x/b")).orElseThrow().outcome())
          .isEqualTo(CellOutcome.CONNECTED);
      assertThat(o.get(new Cell("x/a", "y/c")).orElseThrow().outcome())
          .isEqualTo(CellOutcome.BLOCKED);
      assertThat(o.get(new Cell("x/a", "y/c")).orElseThrow().detail())
          .isEqualTo("PROBE 10.42.0.15:80 tcp=timeout grpc=- ms=2001");
    }
  }

  @Test
  void refusedIsBlockedButAFailedHealthCheckOrDnsIsACheckFailure() {
    PodExec exec =
        (ns, pod, container, command, timeout) ->
            ExecResult.exited(
                1,
                "PROBE 10.42.0.11:81 tcp=refused grpc=- ms=1\n"
                    + "PROBE 10.42.0.12:81 tcp=ok grpc=UNAVAILABLE ms=9\n"
                    + "PROBE 10.42.0.13:81 tcp=dns grpc=- ms=1\n",
                "");
    try (Prober prober = new Prober(exec, TestConfigs.fast(), System::nanoTime)) {
      Observation o =
          prober.probe(
              model,
              List.of(new Cell("x/a", "x/b"), new Cell("x/a", "x/c"), new Cell("x/a", "y/a")),
              81);

      assertThat(o.get(new Cell("x/a", "x/b")).orElseThrow().outcome())
          .isEqualTo(CellOutcome.BLOCKED);
      assertThat(o.get(new Cell("x/a", "x/c")).orElseThrow().outcome())
          .isEqualTo(CellOutcome.CHECK_FAILED);
      assertThat(o.get(new Cell("x/a", "y/a")).orElseThrow().outcome())
          .isEqualTo(CellOutcome.CHECK_FAILED);
      assertThat(o.checkFailed()).hasSize(2);
    }
  }

  @Test
  void aFailedExecOrAMissingLineIsACheckFailureWithTheReason() {
    PodExec exec =
        (ns, pod, container, command, timeout) ->
            pod.equals("a")
                ? ExecResult.failed("exec did not finish within PT9S", "", "")
                : ExecResult.exited(
                    2, "", "Unknown option: '--grpc-health'\nUsage: sample-services probe");
    try (Prober prober = new Prober(exec, TestConfigs.fast(), System::nanoTime)) {
      Observation o =
          prober.probe(model, List.of(new Cell("x/a", "x/b"), new Cell("x/b", "x/a")), 80);

      assertThat(o.get(new Cell("x/a", "x/b")).orElseThrow())
          .satisfies(p -> {
            assertThat(p.outcome()).isEqualTo(CellOutcome.CHECK_FAILED);
            assertThat(p.detail()).contains("no probe line from x/a: exec did not finish within PT9S");
          });
      assertThat(o.get(new Cell("x/b", "x/a")).orElseThrow().detail())
          .contains("(exit 2)", "stderr: Usage: sample-services probe");
    }
  }

  @Test
  void execsRunConcurrentlyUpToTheWorkerBound() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    PodExec exec =
        (ns, pod, container, command, timeout) -> {
          int now = running.incrementAndGet();
          peak.accumulateAndGet(now, Math::max);
          try {
            // Hold the worker so that overlapping execs are visible.
            org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(30)).until(() -> true);
            return ExecResult.exited(0, "", "");
          } finally {
            running.decrementAndGet();
          }
        };
    try (Prober prober = new Prober(exec, TestConfigs.fast(), System::nanoTime)) {
      List<Cell> cells = new ArrayList<>();
      for (String from : model.keys()) {
        cells.add(new Cell(from, "z/c"));
      }
      prober.probe(model, cells, 80);
    }
    assertThat(peak.get()).isBetween(2, TestConfigs.fast().workers());
  }

  @Test
  void probingArbitraryTargetsFromAPodKeepsTheirOrder() {
    PodExec exec =
        (ns, pod, container, command, timeout) ->
            ExecResult.exited(
                1,
                "PROBE 10.1.2.3:9001 tcp=timeout grpc=- ms=2000\n"
                    + "PROBE [fd00::9]:9001 tcp=ok grpc=SERVING ms=3\n",
                "");
    try (Prober prober = new Prober(exec, TestConfigs.fast(), System::nanoTime)) {
      List<CellProbe> results =
          prober.probeFrom(
              model.pod("y/a"),
              List.of(new ProbeTarget("fd00::9", 9001), new ProbeTarget("10.1.2.3", 9001)));

      assertThat(results).extracting(CellProbe::outcome)
          .containsExactly(CellOutcome.CONNECTED, CellOutcome.BLOCKED);
      assertThat(results.get(0).cell()).isEqualTo(new Cell("y/a", "[fd00::9]:9001"));
    }
  }
}
