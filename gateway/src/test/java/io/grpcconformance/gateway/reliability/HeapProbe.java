package io.grpcconformance.gateway.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after garbage collection, to show that hostile traffic leaves no growth behind. */
final class HeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  /**
   * Used heap bytes after a few full collections (System.gc is a request; repeating it until the
   * value settles makes the reading stable enough for a bound of tens of MiB).
   */
  static long usedAfterGc() {
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = MEMORY.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 512 * 1024) {
        break;
      }
      previous = used;
    }
    return used;
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
