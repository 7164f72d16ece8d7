package io.grpcconformance.bench.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads /proc: CPU time of a process tree (utime+stime of every live process, all threads
 * included), per-CPU busy time (what mpstat reads), and the CPU affinity and last CPU of each
 * thread. Units are clock ticks ({@link #TICKS_PER_SECOND}).
 */
public final class ProcFs {
  /** USER_HZ; 100 on every Linux ABI the benchmark targets (getconf CLK_TCK). */
  public static final int TICKS_PER_SECOND = 100;

  private ProcFs() {}

  /** utime+stime of {@code pid} and all its live descendants; 0 for a process that is gone. */
  public static long treeCpuTicks(long pid) {
    long total = cpuTicks(pid);
    for (long child : descendants(pid)) {
      total += cpuTicks(child);
    }
    return total;
  }

  /** utime+stime of one process (all its threads), from /proc/PID/stat fields 14 and 15. */
  public static long cpuTicks(long pid) {
    String[] fields = statFields(Path.of("/proc", Long.toString(pid), "stat"));
    if (fields == null) {
      return 0;
    }
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * The fields of a /proc stat line after the {@code (comm)} field: index 0 is field 3 (state).
   * Null when the process is gone.
   */
  static String[] statFields(Path stat) {
    String line;
    try {
      line = Files.readString(stat);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stat, e);
    }
    // comm may contain spaces and parentheses: the fields start after the LAST ')'.
    return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
  }

  /** Live descendants of {@code pid} (children, grandchildren, ...). */
  public static List<Long> descendants(long pid) {
    return ProcessHandle.of(pid)
        .map(h -> h.descendants().map(ProcessHandle::pid).toList())
        .orElse(List.of());
  }

  /**
   * Voluntary plus involuntary context switches of every live thread of {@code pid} and its
   * descendants (a thread handing work to another thread shows up here).
   */
  public static long treeContextSwitches(long pid) {
    List<Long> all = new ArrayList<>(List.of(pid));
    all.addAll(descendants(pid));
    long total = 0;
    for (long p : all) {
      for (long tid : threads(p)) {
        Path status = Path.of("/proc", Long.toString(p), "task", Long.toString(tid), "status");
        try {
          for (String line : Files.readAllLines(status)) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException | NumberFormatException e) {
          // the thread ended while reading
        }
      }
    }
    return total;
  }

  /** Thread ids of {@code pid}; empty when it is gone. */
  public static List<Long> threads(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    List<Long> ids = new ArrayList<>();
    try (Stream<Path> list = Files.list(tasks)) {
      list.forEach(p -> ids.add(Long.parseLong(p.getFileName().toString())));
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      return List.of(); // the process exited while listing
    }
    return ids;
  }

  /** {@code Cpus_allowed_list} of one thread (e.g. {@code 0} or {@code 0-1}); null when gone. */
  public static String allowedCpus(long pid, long tid) {
    Path status = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return line.substring("Cpus_allowed_list:".length()).trim();
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The CPU a thread last ran on (stat field 39), or -1 when it is gone. */
  public static int lastCpu(long pid, long tid) {
    String[] fields =
        statFields(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
    return fields == null ? -1 : Integer.parseInt(fields[36]);
  }

  /** Per-CPU time counters from /proc/stat, indexed by CPU number. */
  public static List<CpuTimes> cpuTimes() {
    List<CpuTimes> cpus = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
          cpus.add(CpuTimes.parse(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/stat", e);
    }
    return cpus;
  }
}
