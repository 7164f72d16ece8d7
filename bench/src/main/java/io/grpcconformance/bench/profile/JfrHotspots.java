package io.grpcconformance.bench.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest methods of a JFR recording ({@code jdk.ExecutionSample}): by self samples (the
 * method on top of the stack) and by total samples (anywhere on the stack), plus allocation
 * pressure by top allocating frames ({@code jdk.ObjectAllocationSample}).
 */
public final class JfrHotspots {
  private JfrHotspots() {}

  /** Prints the top {@code limit} of each table for {@code recording} to {@code out}. */
  public static void print(Path recording, int limit, PrintStream out) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> allocated = new HashMap<>();
    long samples = 0;
    long allocatedBytes = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        String type = event.getEventType().getName();
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        if ("jdk.ExecutionSample".equals(type)) {
          samples++;
          List<RecordedFrame> frames = stack.getFrames();
          self.merge(name(frames.get(0)), 1L, Long::sum);
          Set<String> seen = new HashSet<>();
          for (RecordedFrame frame : frames) {
            String n = name(frame);
            if (seen.add(n)) {
              total.merge(n, 1L, Long::sum);
            }
          }
        } else if ("jdk.ObjectAllocationSample".equals(type)) {
          long weight = event.getLong("weight");
          allocatedBytes += weight;
          allocated.merge(firstApplicationFrame(stack.getFrames()), weight, Long::sum);
        }
      }
    }
    out.println("JFR " + recording + ": " + samples + " execution samples");
    table(out, "self samples (method on top of the stack)", self, samples, limit);
    table(out, "total samples (method anywhere on the stack)", total, samples, limit);
    table(out, "sampled allocation weight by first non-JDK frame (bytes)", allocated,
        allocatedBytes, limit);
  }

  private static void table(PrintStream out, String title, Map<String, Long> counts, long all,
      int limit) {
    out.println();
    out.println("== " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(e -> out.printf("%6.2f%%  %,14d  %s%n", all == 0 ? 0 : 100.0 * e.getValue() / all,
            e.getValue(), e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method.getType().getName() + "." + method.getName();
  }

  private static String firstApplicationFrame(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String n = name(frame);
      if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
        return n;
      }
    }
    return name(frames.get(0));
  }
}
