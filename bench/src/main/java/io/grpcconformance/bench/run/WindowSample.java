package io.grpcconformance.bench.run;

import io.grpcconformance.bench.backend.BackendCounters;
import io.grpcconformance.bench.proc.CpuTimes;
import io.grpcconformance.bench.proc.ProcFs;
import java.util.List;

/**
 * The counters read at each edge of a measured window: wall clock, CPU time of the system under
 * test and of the backend (utime+stime of their process trees), the system's context switches,
 * per-CPU times, backend counters.
 */
record WindowSample(long nanos, long sutTicks, long sutContextSwitches, long backendTicks,
    List<CpuTimes> cpus, BackendCounters.Snapshot backend) {

  static WindowSample take(long sutPid, long backendPid, BackendCounters.Snapshot backend) {
    return new WindowSample(System.nanoTime(), ProcFs.treeCpuTicks(sutPid),
        ProcFs.treeContextSwitches(sutPid),
        sutPid == backendPid ? 0 : ProcFs.treeCpuTicks(backendPid), ProcFs.cpuTimes(), backend);
  }
}
