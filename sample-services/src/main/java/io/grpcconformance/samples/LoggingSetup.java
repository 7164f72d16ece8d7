package io.grpcconformance.samples;

import java.util.logging.LogManager;

/**
 * JUL configuration of the CLI: one line per record on stderr (stdout carries the LISTENING line).
 */
final class LoggingSetup {

  private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
  private static final String MANAGER_PROPERTY = "java.util.logging.manager";

  private LoggingSetup() {}

  /**
   * Sets a one-line format unless the user configured one (JUL's ConsoleHandler writes to stderr)
   * and a LogManager that keeps logging during the graceful drain. Call before any logging.
   */
  static void configure() {
    if (System.getProperty(FORMAT_PROPERTY) == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty(FORMAT_PROPERTY, "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
    }
    if (System.getProperty(MANAGER_PROPERTY) == null) {
      System.setProperty(MANAGER_PROPERTY, DrainFriendlyLogManager.class.getName());
    }
  }

  /**
   * A LogManager that ignores the reset JUL's own shutdown hook performs: hooks run concurrently,
   * so without this the SIGTERM drain's log lines would race against closed handlers and vanish.
   */
  public static final class DrainFriendlyLogManager extends LogManager {
    @Override
    public void reset() {
      if (!jvmShuttingDown()) {
        super.reset();
      }
    }

    private static boolean jvmShuttingDown() {
      Thread probe = new Thread(() -> {});
      try {
        Runtime.getRuntime().addShutdownHook(probe);
        Runtime.getRuntime().removeShutdownHook(probe);
        return false;
      } catch (IllegalStateException e) {
        return true;
      }
    }
  }
}
