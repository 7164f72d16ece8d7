package io.grpcconformance.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

  @Test
  void findsCollectorAndPausesButNotPhasesOrConcurrentWork() {
    GcLog log = GcLog.parse(List.of(
        "[0.003s][info][gc] Using Serial",
        "[1.622s][info][gc,start    ] GC(0) Pause Young (Allocation Failure)",
        "[1.663s][info][gc          ] GC(0) Pause Young (Allocation Failure) 17M->2M(61M) 4.705ms",
        "[2.100s][info][gc,phases   ] GC(1) Pre Evacuate Collection Set: 12.5ms",
        "[2.200s][info][gc          ] GC(1) Concurrent Mark Cycle 55.000ms",
        "[3.663s][info][gc          ] GC(2) Pause Remark 60M->58M(512M) 12.250ms"));

    assertThat(log.collector()).isEqualTo("Serial");
    assertThat(log.pauses()).isEqualTo(2);
    assertThat(log.maxPauseMillis()).isEqualTo(12.25);
    assertThat(log.totalPauseMillis()).isEqualTo(16.955, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void pausesAreAttributedToTheWindowTheyEndIn() {
    GcLog log = GcLog.parse(List.of(
        "[7.834s][info][gc             ] GC(0) Pause Full (Metadata GC Threshold) 66M->11M(494M) 129.550ms",
        "[38.518s][info][gc             ] GC(1) Pause Young (Allocation Failure) 148M->12M(494M) 3.383ms",
        "[72.213s][info][gc             ] GC(2) Pause Young (Allocation Failure) 148M->12M(494M) 8.5ms"));

    assertThat(log.events()).hasSize(3);
    assertThat(log.events().get(1)).isEqualTo(new GcLog.Pause(38.518, 3.383));
    assertThat(log.maxPauseWithin(List.of(new double[] {30, 40}, new double[] {70, 80})))
        .isEqualTo(8.5);
    assertThat(log.maxPauseWithin(List.of(new double[] {30, 40}))).isEqualTo(3.383);
    assertThat(log.maxPauseWithin(List.of(new double[] {40, 70}))).isZero();
  }

  @Test
  void zgcPausesAreItsPhasePauses() {
    GcLog log = GcLog.parse(List.of(
        "[0.029s][info][gc     ] Using The Z Garbage Collector",
        "[0.251s][info][gc,task     ] GC(0) Using 1 workers",
        "[0.251s][info][gc,phases   ] GC(0) Pause Mark Start 0.006ms",
        "[0.260s][info][gc,phases   ] GC(0) Concurrent Mark 8.500ms",
        "[0.261s][info][gc,phases   ] GC(0) Pause Mark End 0.012ms",
        "[0.262s][info][gc,phases   ] GC(0) Pause Relocate Start 0.004ms",
        "[0.270s][info][gc          ] GC(0) Garbage Collection (Warmup) 14M(22%)->6M(9%)",
        "[0.300s][info][gc          ] Allocation Stall (grpc-default-worker-ELG-3-1) 2.250ms"));

    assertThat(log.collector()).isEqualTo("The Z Garbage Collector");
    assertThat(log.pauses()).isEqualTo(4);
    assertThat(log.maxPauseMillis()).isEqualTo(2.25);
  }

  @Test
  void g1WorkerLinesAreNotTheCollectorName() {
    GcLog log = GcLog.parse(List.of(
        "[0.003s][info][gc] Using G1",
        "[0.279s][info][gc,task     ] GC(0) Using 2 workers of 2 for evacuation",
        "[0.285s][info][gc          ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 6M->3M(64M) 6.296ms"));
    assertThat(log.collector()).isEqualTo("G1");
    assertThat(log.maxPauseMillis()).isEqualTo(6.296);
  }

  @Test
  void noLogMeansNoPauses() throws Exception {
    GcLog log = GcLog.read(java.nio.file.Path.of("/nonexistent/gc.log"));
    assertThat(log.pauses()).isZero();
    assertThat(log.collector()).isEmpty();
  }
}
