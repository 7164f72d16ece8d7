package io.grpcconformance.bench.proc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU placement with {@code taskset}: start a command on one CPU, move a running process (every
 * thread, {@code -a}) to another, and check that every thread of a process tree is still allowed on
 * exactly the CPU it was given (performance.md §6b: a run counts only if placement held).
 */
public final class Pinning {
  private static final long TASKSET_TIMEOUT_SECONDS = 10;

  private Pinning() {}

  /** {@code taskset -c CPU command...}: the command's pid is the process started. */
  public static List<String> onCpu(int cpu, List<String> command) {
    List<String> pinned = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
    pinned.addAll(command);
    return pinned;
  }

  /** Moves every thread of {@code pid} and its descendants to {@code cpu}. */
  public static void move(long pid, int cpu) {
    List<Long> all = new ArrayList<>(List.of(pid));
    all.addAll(ProcFs.descendants(pid));
    for (long p : all) {
      run(List.of("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(p)));
    }
  }

  /**
   * Null when every live thread of {@code pid} and its descendants is allowed on {@code cpu} only;
   * else a one-line description of the first thread that is not.
   */
  public static String violation(long pid, int cpu, String what) {
    List<Long> all = new ArrayList<>(List.of(pid));
    all.addAll(ProcFs.descendants(pid));
    return violation(all, cpu, what);
  }

  /** Like {@link #violation(long, int, String)} for {@code pid}'s own threads only. */
  public static String ownViolation(long pid, int cpu, String what) {
    return violation(List.of(pid), cpu, what);
  }

  private static String violation(List<Long> all, int cpu, String what) {
    String expected = Integer.toString(cpu);
    for (long p : all) {
      for (long tid : ProcFs.threads(p)) {
        String allowed = ProcFs.allowedCpus(p, tid);
        if (allowed != null && !allowed.equals(expected)) {
          return what + " thread " + tid + " of pid " + p + " allowed on CPUs " + allowed
              + ", expected " + expected;
        }
      }
    }
    return null;
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(TASKSET_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("failed: " + String.join(" ", command));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }
}
