package io.grpcconformance.gateway.translate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Hostname patterns as the Gateway API uses them: an exact name, a {@code *.suffix} wildcard, or
 * {@link #ANY} for "every host" (a listener without hostname, a route without hostnames).
 *
 * <p>A wildcard {@code *.example.com} is a suffix match over one or more labels: it covers {@code
 * foo.example.com} and {@code a.b.example.com}, never the bare {@code example.com}
 * (grpcroute_types.go GRPCRouteSpec.Hostnames; gateway_types.go Listener.Hostname).
 */
final class Hostnames {

  /** Matches every host. Never a valid route or listener hostname itself. */
  static final String ANY = "*";

  /**
   * Most specific first, as listeners are chosen (gateway_types.go "Listeners that are distinct
   * only by Hostname"): exact names, then wildcards with the longest suffix first (more labels to
   * the right of {@code *}), then {@link #ANY}; ties alphabetical so the order is deterministic.
   */
  static final Comparator<String> MOST_SPECIFIC_FIRST =
      Comparator.comparingInt(Hostnames::rank)
          .thenComparing(Comparator.comparingInt(String::length).reversed())
          .thenComparing(Comparator.naturalOrder());

  private Hostnames() {}

  /** Lower-cases a listener or route hostname; null and empty become {@link #ANY}. */
  static String normalize(String hostname) {
    return hostname == null || hostname.isEmpty() ? ANY : hostname.toLowerCase(Locale.ROOT);
  }

  static boolean isWildcard(String pattern) {
    return pattern.startsWith("*.");
  }

  static boolean isExact(String pattern) {
    return !pattern.equals(ANY) && !isWildcard(pattern);
  }

  /**
   * Whether every host matched by {@code inner} is also matched by {@code outer}: {@code ANY}
   * covers everything; an exact name covers only itself; {@code *.s} covers exact names ending in
   * {@code .s} and wildcards {@code *.t} where {@code t} is {@code s} or ends in {@code .s}.
   */
  static boolean covers(String outer, String inner) {
    if (outer.equals(ANY)) {
      return true;
    }
    if (inner.equals(ANY)) {
      return false;
    }
    if (!isWildcard(outer)) {
      return outer.equals(inner);
    }
    String suffix = outer.substring(1); // ".example.com"
    if (isWildcard(inner)) {
      String innerSuffix = inner.substring(1);
      return innerSuffix.equals(suffix) || innerSuffix.endsWith(suffix);
    }
    return inner.endsWith(suffix) && inner.length() > suffix.length();
  }

  /** Whether some host is matched by both patterns. */
  static boolean intersects(String a, String b) {
    return covers(a, b) || covers(b, a);
  }

  /**
   * The hosts a route serves through a listener: the intersections of the listener hostname with
   * each route hostname, the more specific of each intersecting pair (a route hostname that does
   * not intersect is ignored for this listener, as the spec requires). No route hostnames means the
   * listener's; no listener hostname means the route's. Empty result: no intersection.
   */
  static List<String> effective(String listenerHostname, List<String> routeHostnames) {
    String listener = normalize(listenerHostname);
    if (routeHostnames.isEmpty()) {
      return List.of(listener);
    }
    Set<String> out = new LinkedHashSet<>();
    for (String raw : routeHostnames) {
      String route = normalize(raw);
      if (covers(listener, route)) {
        out.add(route);
      } else if (covers(route, listener)) {
        out.add(listener);
      }
    }
    return new ArrayList<>(out);
  }

  /** Whether any pattern of {@code a} intersects any pattern of {@code b}. */
  static boolean anyIntersect(List<String> a, List<String> b) {
    for (String x : a) {
      for (String y : b) {
        if (intersects(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Characters of a hostname that count as "non-wildcard" for precedence: exact names only. */
  static int nonWildcardChars(String pattern) {
    return isExact(pattern) ? pattern.length() : 0;
  }

  /** Characters of a hostname for precedence; {@link #ANY} stands for no hostname and counts 0. */
  static int chars(String pattern) {
    return pattern.equals(ANY) ? 0 : pattern.length();
  }

  private static int rank(String pattern) {
    return isExact(pattern) ? 0 : isWildcard(pattern) ? 1 : 2;
  }
}
