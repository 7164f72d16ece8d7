package io.grpcconformance.samples.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Records every JUL record (formatted, with its throwable) logged while it is open. */
public final class LogCapture extends Handler implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  // A strong reference: JUL keeps loggers weakly, and a collected logger would lose its level.
  private final Logger project = Logger.getLogger("io.grpcconformance");

  /** Starts capturing at every level, so FINE records are checked too. */
  public LogCapture() {
    setLevel(Level.ALL);
    root.addHandler(this);
    project.setLevel(Level.ALL);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(formatter.format(record));
  }

  /** Everything logged so far, one formatted record per entry. */
  public String text() {
    return String.join("", lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(previousLevel);
    project.setLevel(null);
  }
}
