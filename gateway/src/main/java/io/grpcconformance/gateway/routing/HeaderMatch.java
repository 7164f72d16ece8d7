package io.grpcconformance.gateway.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on one request header. Names compare case-insensitively (stored lower case); values
 * compare case-sensitively; a REGEX must match the whole value. A missing header never matches.
 *
 * @param name lower-case header name
 * @param kind EXACT or REGEX
 * @param value the exact value or the regular expression source
 * @param pattern compiled {@code value} for REGEX, else null
 */
public record HeaderMatch(String name, Kind kind, String value, Pattern pattern) {

  /** How a header value is compared. */
  public enum Kind { EXACT, REGEX }

  public HeaderMatch {
    name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.REGEX) {
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  public static HeaderMatch exact(String name, String value) {
    return new HeaderMatch(name, Kind.EXACT, value, null);
  }

  /** Throws {@link java.util.regex.PatternSyntaxException} for a bad expression. */
  public static HeaderMatch regex(String name, String regex) {
    return new HeaderMatch(name, Kind.REGEX, regex, Pattern.compile(regex));
  }

  /** Whether the first value of the header (null when absent) satisfies this condition. */
  public boolean matches(String headerValue) {
    if (headerValue == null) {
      return false;
    }
    return kind == Kind.EXACT ? value.equals(headerValue) : pattern.matcher(headerValue).matches();
  }
}
