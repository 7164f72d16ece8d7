package io.grpcconformance.gateway.reliability;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records every java.util.logging record published while open: the project's loggers at every level
 * (so FINE records are checked for secrets too), everything else at its configured level. Each
 * entry keeps the level, the logger and the formatted message, plus any stack trace.
 */
final class JulLines extends Handler implements AutoCloseable {

  /** One published record. */
  record Line(Level level, String logger, String message, String stackTrace) {
    /** The message and the stack trace, as a log file would hold them. */
    String full() {
      return stackTrace.isEmpty() ? message : message + "\n" + stackTrace;
    }
  }

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  // A strong reference: JUL holds loggers weakly, and a collected logger would lose its level.
  private final Logger project = Logger.getLogger("io.grpcconformance");
  private final Level projectLevelBefore = project.getLevel();

  JulLines() {
    setLevel(Level.ALL);
    project.setLevel(Level.ALL);
    root.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    String message;
    try {
      message = new java.util.logging.SimpleFormatter().formatMessage(record);
    } catch (RuntimeException e) {
      message = String.valueOf(record.getMessage());
    }
    String trace = "";
    if (record.getThrown() != null) {
      StringWriter text = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(text));
      trace = text.toString();
    }
    lines.add(new Line(record.getLevel(), String.valueOf(record.getLoggerName()), message, trace));
  }

  /** Every line so far. */
  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines that satisfy {@code filter}. */
  List<Line> matching(Predicate<Line> filter) {
    return lines.stream().filter(filter).toList();
  }

  /** Lines at WARNING or above. */
  List<Line> warnings() {
    return matching(l -> l.level().intValue() >= Level.WARNING.intValue());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    project.setLevel(projectLevelBefore);
  }
}
