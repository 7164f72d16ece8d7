package io.grpcconformance.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 250ms}, {@code 15s}, {@code 2m}, {@code 1h} or ISO-8601. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

  private Durations() {}

  /** Throws {@link IllegalArgumentException} for anything else, or for a negative duration. */
  public static Duration parse(String raw) {
    Matcher m = SHORT.matcher(raw);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      Duration d = Duration.parse(raw);
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "not a duration (e.g. 250ms, 15s, 2m, 1h or PT15S): '" + raw + "'");
  }
}
