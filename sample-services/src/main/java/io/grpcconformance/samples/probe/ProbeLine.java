package io.grpcconformance.samples.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one machine-readable stdout line a probe prints per target, and its parser (the in-cluster
 * prober reads these lines back from the exec output):
 *
 * <pre>
 * PROBE &lt;host:port&gt; tcp=ok|timeout|refused|unreachable|dns|error [grpc=&lt;result&gt;] ms=&lt;n&gt;
 * </pre>
 *
 * <p>{@code grpc} is present only with {@code --grpc-health}: the health service's serving status
 * ({@code SERVING}, {@code NOT_SERVING}, {@code SERVICE_UNKNOWN}) or, when the call failed, its
 * status code ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code UNIMPLEMENTED}, ...); {@code
 * -} when the TCP connect already failed. {@code ms} is the wall time spent on the target.
 *
 * @param target the probed target
 * @param tcp how the TCP connect ended
 * @param grpc the health check result, when one was asked for
 * @param millis milliseconds spent on this target (TCP connect plus health check)
 */
public record ProbeLine(ProbeTarget target, TcpOutcome tcp, Optional<String> grpc, long millis) {

  /** The first token of every probe line. */
  public static final String PREFIX = "PROBE";

  /** The {@code grpc} value of a health check that returned SERVING. */
  public static final String SERVING = "SERVING";

  /** The {@code grpc} value when no health check was made because TCP failed. */
  public static final String NOT_CHECKED = "-";

  public ProbeLine {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tcp, "tcp");
    Objects.requireNonNull(grpc, "grpc");
    grpc.ifPresent(
        g -> {
          if (g.isEmpty() || g.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("grpc value must be one non-empty word: '" + g + "'");
          }
        });
    if (millis < 0) {
      throw new IllegalArgumentException("negative ms: " + millis);
    }
  }

  /**
   * Whether the target was reached: the TCP connect succeeded and, when a health check was asked
   * for, it answered SERVING.
   */
  public boolean connected() {
    return tcp == TcpOutcome.OK && grpc.map(SERVING::equals).orElse(true);
  }

  /** The line as printed. */
  public String format() {
    return PREFIX
        + " "
        + target
        + " tcp="
        + tcp.wire()
        + grpc.map(g -> " grpc=" + g).orElse("")
        + " ms="
        + millis;
  }

  @Override
  public String toString() {
    return format();
  }

  /** Whether {@code line} looks like a probe line (starts with {@value #PREFIX} and a space). */
  public static boolean isProbeLine(String line) {
    return line.startsWith(PREFIX + " ");
  }

  /**
   * Parses a line printed by {@link #format()}.
   *
   * @throws IllegalArgumentException naming the line and what is wrong with it
   */
  public static ProbeLine parse(String line) {
    String[] tokens = line.trim().split("\\s+");
    if (tokens.length < 4 || !tokens[0].equals(PREFIX)) {
      throw new IllegalArgumentException(
          "not a probe line (PROBE <host:port> tcp=... ms=...): '" + line + "'");
    }
    try {
      ProbeTarget target = ProbeTarget.parse(tokens[1]);
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 2; i < tokens.length; i++) {
        int eq = tokens[i].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("'" + tokens[i] + "' is not key=value");
        }
        if (fields.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1)) != null) {
          throw new IllegalArgumentException("field " + tokens[i].substring(0, eq) + " repeated");
        }
      }
      String tcp = fields.remove("tcp");
      String ms = fields.remove("ms");
      if (tcp == null || ms == null) {
        throw new IllegalArgumentException("tcp= and ms= are required");
      }
      Optional<String> grpc = Optional.ofNullable(fields.remove("grpc"));
      if (!fields.isEmpty()) {
        throw new IllegalArgumentException("unknown fields " + fields.keySet());
      }
      return new ProbeLine(target, TcpOutcome.fromWire(tcp), grpc, Long.parseLong(ms));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad probe line '" + line + "': ms is not a number");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad probe line '" + line + "': " + e.getMessage());
    }
  }
}
