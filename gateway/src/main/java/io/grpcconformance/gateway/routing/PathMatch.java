package io.grpcconformance.gateway.routing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on {@code :path}. GRPCRoute method matches are lowered to these as Envoy Gateway does:
 * service and method exact → {@link Kind#EXACT} {@code /svc/method}; service only →
 * {@link Kind#PREFIX} {@code /svc/}; method only or regular expressions → {@link Kind#REGEX}.
 * Ingress paths use EXACT and PREFIX (ingress-nginx {@code Prefix} is element-wise; the translator
 * lowers it accordingly).
 *
 * @param kind how {@code value} is compared
 * @param value the path, prefix or regular expression source
 * @param pattern compiled {@code value} for REGEX, else null
 */
public record PathMatch(Kind kind, String value, Pattern pattern) {

  /** How a path is compared. Every comparison is case-sensitive (GRPCRoute spec). */
  public enum Kind { ANY, EXACT, PREFIX, REGEX }

  public PathMatch {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.REGEX) {
      Objects.requireNonNull(pattern, "pattern");
    }
  }

  public static PathMatch any() {
    return new PathMatch(Kind.ANY, "", null);
  }

  public static PathMatch exact(String path) {
    return new PathMatch(Kind.EXACT, path, null);
  }

  public static PathMatch prefix(String prefix) {
    return new PathMatch(Kind.PREFIX, prefix, null);
  }

  /** A whole-path regular expression; throws {@link java.util.regex.PatternSyntaxException}. */
  public static PathMatch regex(String regex) {
    return new PathMatch(Kind.REGEX, regex, Pattern.compile(regex));
  }

  /** Whether {@code path} satisfies this condition; REGEX must match the whole path. */
  public boolean matches(String path) {
    return switch (kind) {
      case ANY -> true;
      case EXACT -> value.equals(path);
      case PREFIX -> path.startsWith(value);
      case REGEX -> pattern.matcher(path).matches();
    };
  }
}
