package io.grpcconformance.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses in a unified JVM GC log ({@code -Xlog:gc*:file=...:uptime,level,tags}): lines such as
 * {@code [12.3s][info][gc] GC(7) Pause Young (Allocation Failure) 140M->3M(512M) 1.234ms}.
 *
 * @param pauses pause lines found
 * @param maxPauseMillis the longest pause, 0 when there was none
 * @param totalPauseMillis all pauses added up
 * @param collector the collector the JVM reported ({@code Using Serial}), or empty
 * @param events every pause: JVM uptime at its end (seconds, NaN when the line has no uptime)
 *     and its length in milliseconds
 */
public record GcLog(int pauses, double maxPauseMillis, double totalPauseMillis, String collector,
    List<Pause> events) {
  /**
   * A stop-the-world pause: Serial, Parallel and G1 log it with tag {@code gc}
   * ({@code GC(7) Pause Young ... 1.234ms}); ZGC logs each of its three short pauses with tag
   * {@code gc,phases} ({@code GC(0) Pause Mark Start 0.006ms}). G1's {@code gc,phases} lines are
   * sub-phases without the word Pause, and {@code gc,start} lines carry no time. A ZGC
   * {@code Allocation Stall} stops the allocating thread (an event loop) just like a pause, so it
   * counts as one.
   */
  private static final Pattern PAUSE = Pattern.compile("\\[gc(?:,phases)?\\s*\\]"
      + ".*\\b(?:Pause|Allocation Stall)\\b.*?(\\d+(?:\\.\\d+)?)ms\\s*$");
  private static final Pattern UPTIME = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\]");

  /** One pause: when it ended (JVM uptime, seconds) and how long it took (ms). */
  public record Pause(double uptimeSeconds, double millis) {}

  /** A log summary without per-pause detail. */
  public GcLog(int pauses, double maxPauseMillis, double totalPauseMillis, String collector) {
    this(pauses, maxPauseMillis, totalPauseMillis, collector, List.of());
  }

  public GcLog {
    events = List.copyOf(events);
  }

  /**
   * The longest pause that ended inside one of {@code windows} (pairs of JVM uptimes in seconds,
   * start and end), 0 when none did. A pause is attributed by its end time.
   */
  public double maxPauseWithin(List<double[]> windows) {
    double max = 0;
    for (Pause pause : events) {
      for (double[] w : windows) {
        if (pause.uptimeSeconds() >= w[0] && pause.uptimeSeconds() <= w[1]) {
          max = Math.max(max, pause.millis());
        }
      }
    }
    return max;
  }
  /** {@code [gc] Using Serial}, {@code Using G1}, {@code Using The Z Garbage Collector}. */
  private static final Pattern USING =
      Pattern.compile("\\[gc(?:,init)?\\s*\\]\\s*Using (.+?)\\s*$");

  /** Parses {@code log}; an absent file gives zero pauses. */
  public static GcLog read(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return new GcLog(0, 0, 0, "");
    }
    return parse(Files.readAllLines(log));
  }

  public static GcLog parse(List<String> lines) {
    int pauses = 0;
    double max = 0;
    double total = 0;
    String collector = "";
    List<Pause> events = new java.util.ArrayList<>();
    for (String line : lines) {
      Matcher using = USING.matcher(line);
      if (collector.isEmpty() && using.find()) {
        collector = using.group(1);
      }
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        double millis = Double.parseDouble(pause.group(1));
        pauses++;
        total += millis;
        max = Math.max(max, millis);
        Matcher uptime = UPTIME.matcher(line);
        events.add(new Pause(uptime.find() ? Double.parseDouble(uptime.group(1)) : Double.NaN,
            millis));
      }
    }
    return new GcLog(pauses, max, total, collector, events);
  }
}
