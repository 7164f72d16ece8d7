package io.grpcconformance.bench.proc;

/**
 * One {@code cpuN} line of /proc/stat, in clock ticks: what {@code mpstat -P N} reports as
 * %usr+%nice, %sys, %irq+%soft, %steal and %idle+%iowait.
 */
public record CpuTimes(int cpu, long user, long system, long interrupts, long steal, long idle) {

  /** Parses {@code cpu0 user nice system idle iowait irq softirq steal ...}. */
  public static CpuTimes parse(String line) {
    String[] f = line.trim().split("\\s+");
    int cpu = Integer.parseInt(f[0].substring(3));
    long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
    long system = Long.parseLong(f[3]);
    long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
    long interrupts = Long.parseLong(f[6]) + Long.parseLong(f[7]);
    long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
    return new CpuTimes(cpu, user, system, interrupts, steal, idle);
  }

  /** All ticks counted. */
  public long total() {
    return user + system + interrupts + steal + idle;
  }

  /** Ticks spent running something (process time and interrupts; not steal, not idle). */
  public long busy() {
    return user + system + interrupts;
  }

  /** Counters accumulated since {@code earlier}. */
  public CpuTimes minus(CpuTimes earlier) {
    return new CpuTimes(cpu, user - earlier.user, system - earlier.system,
        interrupts - earlier.interrupts, steal - earlier.steal, idle - earlier.idle);
  }

  /** busy / total in percent (of this CPU), for a delta. */
  public double busyPercent() {
    long total = total();
    return total == 0 ? 0 : 100.0 * busy() / total;
  }
}
