package io.grpcconformance.gateway.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything logged under {@code io.grpcconformance} while open, formatted as the
 * console would print it (message and any stack trace), so tests can assert on log output.
 */
public final class LogCapture extends Handler implements AutoCloseable {
  private static final String ROOT = "io.grpcconformance";
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Logger logger = Logger.getLogger(ROOT);
  private final SimpleFormatter formatter = new SimpleFormatter();

  private LogCapture() {
    setLevel(Level.ALL);
  }

  /** Starts capturing. */
  public static LogCapture start() {
    LogCapture capture = new LogCapture();
    capture.logger.addHandler(capture);
    return capture;
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(formatter.formatMessage(record)
        + (record.getThrown() == null ? "" : " " + stackTrace(record.getThrown())));
  }

  private static String stackTrace(Throwable thrown) {
    java.io.StringWriter text = new java.io.StringWriter();
    thrown.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }

  /** Every message so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** The messages that contain {@code fragment}. */
  public List<String> linesContaining(String fragment) {
    return lines.stream().filter(l -> l.contains(fragment)).toList();
  }

  /** All messages joined with newlines. */
  public String text() {
    return String.join("\n", lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
