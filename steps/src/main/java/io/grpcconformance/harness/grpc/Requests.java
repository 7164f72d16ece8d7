package io.grpcconformance.harness.grpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds probe requests from the short forms scenarios use: a method name, an optional JSON body (a
 * sensible default per sample method), and metadata written as {@code name: value, name: value}.
 */
public final class Requests {

  private static final Map<String, String> DEFAULT_BODIES =
      Map.of(
          "helloworld.Greeter/SayHello", "{\"name\":\"conformance\"}",
          "helloworld.Greeter/SayHelloStreamReply", "{\"name\":\"conformance\"}",
          "com.example.User/GetUser", "{\"username\":\"alice\"}",
          "com.example.User/DeleteUser", "{\"username\":\"nobody\"}");

  private Requests() {}

  /** The body a scenario sends when it gives none: a greeting, a lookup, or {@code {}}. */
  public static String defaultBody(String method) {
    String m = method.startsWith("/") ? method.substring(1) : method;
    return DEFAULT_BODIES.getOrDefault(m, "{}");
  }

  /** A unary request with the default body. */
  public static ProbeRequest of(
      Dial dial, String method, Map<String, List<String>> metadata, Duration deadline) {
    return new ProbeRequest(dial, method, defaultBody(method), metadata, deadline);
  }

  /**
   * Parses {@code "version: two, color: blue"} (names keep their case: gRPC lower-cases them on the
   * wire, which is what header-matching scenarios test). Empty text gives no metadata.
   *
   * @throws IllegalArgumentException naming the entry without a colon
   */
  public static Map<String, List<String>> metadata(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String entry : text.split(",")) {
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(
            "metadata entry '" + entry.trim() + "' is not 'name: value'");
      }
      String name = entry.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(entry.substring(colon + 1).trim());
    }
    return out;
  }

  /**
   * The duration of a {@code grpc-timeout} header value ({@code <digits><unit>}, units H M S m u n
   * per the gRPC HTTP/2 protocol spec).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Duration grpcTimeout(String value) {
    if (value == null || !value.matches("\\d{1,8}[HMSmun]")) {
      throw new IllegalArgumentException("not a grpc-timeout value: " + value);
    }
    long n = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 'H' -> Duration.ofHours(n);
      case 'M' -> Duration.ofMinutes(n);
      case 'S' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMillis(n);
      case 'u' -> Duration.ofNanos(n * 1000);
      default -> Duration.ofNanos(n);
    };
  }
}
