package io.grpcconformance.samples.probe;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code --timeout} value: {@code 2s}, {@code 500ms}, {@code 1m}, ISO-8601 or seconds. */
public final class ProbeDurations {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m)?");

  private ProbeDurations() {}

  /**
   * A positive duration from {@code 2s}, {@code 500ms}, {@code 1m}, {@code PT2S} or a bare number
   * of seconds.
   *
   * @throws IllegalArgumentException naming the text when it is none of these or not positive
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration '" + text + "' is too large");
      }
      String unit = m.group(2) == null ? "s" : m.group(2);
      d =
          switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
          };
    } else {
      try {
        d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "duration '" + text + "' is not like 2s, 500ms, 1m or PT2S");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("duration '" + text + "' must be positive");
    }
    return d;
  }

  /** The shortest of {@code 500ms}, {@code 2s}, {@code 1m} that states {@code d} exactly. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
