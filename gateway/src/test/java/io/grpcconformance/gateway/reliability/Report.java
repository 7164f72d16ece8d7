package io.grpcconformance.gateway.reliability;

import java.util.Locale;

/**
 * The counts of the reliability and security tests, printed to standard output on lines that start
 * with {@code REPORT } so the lead's CI summary can surface them.
 */
final class Report {
  private Report() {}

  /** Prints {@code REPORT <formatted text>} and flushes. */
  static void line(String format, Object... args) {
    System.out.println("REPORT " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
