package io.grpcconformance.gateway.dataplane.perf;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time and allocated bytes per thread group, from {@code com.sun.management.ThreadMXBean}:
 * "client" (bench-client*), "backend" (bench-backend*), "gateway" (every other grpc-* or gateway-*
 * thread: the data plane's event loops and its maintenance thread), and the whole process (which
 * also counts GC and JIT threads).
 */
final class ThreadCpu {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Per thread id: {cpu nanos, allocated bytes}; plus the process CPU. */
  private final Map<Long, long[]> perThread = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final long processCpuNanos;

  private ThreadCpu() {
    processCpuNanos = OS.getProcessCpuTime();
    for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long id = info.getThreadId();
      perThread.put(id, new long[] {THREADS.getThreadCpuTime(id),
          THREADS.getThreadAllocatedBytes(id)});
      names.put(id, info.getThreadName());
    }
  }

  static ThreadCpu now() {
    return new ThreadCpu();
  }

  /** CPU nanos and allocated bytes of {@code group} since {@code earlier}. */
  long[] since(ThreadCpu earlier, String group) {
    long cpu = 0;
    long allocated = 0;
    for (Map.Entry<Long, long[]> entry : perThread.entrySet()) {
      if (!group.equals(groupOf(names.get(entry.getKey())))) {
        continue;
      }
      long[] before = earlier.perThread.getOrDefault(entry.getKey(), new long[2]);
      cpu += entry.getValue()[0] - before[0];
      allocated += entry.getValue()[1] - before[1];
    }
    return new long[] {cpu, allocated};
  }

  long processCpuSince(ThreadCpu earlier) {
    return processCpuNanos - earlier.processCpuNanos;
  }

  private static String groupOf(String name) {
    if (name.startsWith("bench-client")) {
      return "client";
    }
    if (name.startsWith("bench-backend")) {
      return "backend";
    }
    if (name.startsWith("grpc-") || name.startsWith("gateway-")) {
      return "gateway";
    }
    return "other";
  }
}
