package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pure routing decisions over the immutable routing table: which virtual host serves an authority,
 * which route serves a call, which weighted backend takes it, which certificate answers an SNI.
 * Stateless and thread-safe; the data plane calls these on its event loops (grpc-java
 * {@code RoutingUtils} idiom).
 */
public final class RouteSelector {

  /** Read access to request headers, so routing stays free of {@code io.grpc.Metadata}. */
  @FunctionalInterface
  public interface HeaderLookup {
    /** The first value of the header named {@code lowerCaseName}, or null when absent. */
    String first(String lowerCaseName);
  }

  private RouteSelector() {}

  /**
   * The virtual host serving {@code authority} (port stripped, compared case-insensitively), or null.
   *
   * <p>Precedence (Gateway API, Listener.hostname and GRPCRoute.hostnames: "the most specific match
   * wins"): an exact hostname first; then the wildcard {@code *.suffix} with the longest suffix,
   * where the wildcard stands for one or more labels and never for the bare suffix
   * ({@code *.example.com} matches {@code a.example.com} and {@code a.b.example.com}, not
   * {@code example.com}); then {@code *}. Among equal candidates the first in the list wins.
   */
  public static VirtualHost selectVirtualHost(List<VirtualHost> hosts, String authority) {
    String host = hostOf(authority);
    VirtualHost bestWildcard = null;
    int bestSuffixLength = -1;
    VirtualHost any = null;
    for (int i = 0, n = hosts.size(); i < n; i++) {
      VirtualHost candidate = hosts.get(i);
      String name = candidate.hostname();
      if (VirtualHost.ANY.equals(name)) {
        if (any == null) {
          any = candidate;
        }
      } else if (isWildcard(name)) {
        int suffixLength = name.length() - 1; // ".example.com"
        if (suffixLength > bestSuffixLength && wildcardMatches(name, host)) {
          bestWildcard = candidate;
          bestSuffixLength = suffixLength;
        }
      } else if (name.equalsIgnoreCase(host)) {
        return candidate;
      }
    }
    return bestWildcard != null ? bestWildcard : any;
  }

  /**
   * The first route of {@code host} whose match holds for {@code path} and {@code headers}, or
   * null. The translator already sorted the routes by GRPCRoute precedence, so first match wins.
   */
  public static Route selectRoute(VirtualHost host, String path, HeaderLookup headers) {
    List<Route> routes = host.routes();
    for (int i = 0, n = routes.size(); i < n; i++) {
      Route route = routes.get(i);
      if (matches(route.match(), path, headers)) {
        return route;
      }
    }
    return null;
  }

  /**
   * Whether every condition of {@code match} holds (AND). Header names are looked up lower case
   * (HTTP/2 header names are lower case on the wire, and the IR stores them lower case, so the
   * comparison is case-insensitive); values compare case-sensitively; a REGEX must match the whole
   * value; an absent header never matches.
   */
  public static boolean matches(RouteMatch match, String path, HeaderLookup headers) {
    if (!match.path().matches(path)) {
      return false;
    }
    List<HeaderMatch> conditions = match.headers();
    for (int i = 0, n = conditions.size(); i < n; i++) {
      HeaderMatch condition = conditions.get(i);
      if (!condition.matches(headers.first(condition.name()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A backend drawn with probability weight / total over the backends with weight above 0
   * (GRPCRoute backendRefs: weight 0 receives no traffic); null when the total weight is 0, which
   * the data plane answers UNAVAILABLE. Invalid backends are returned too: their share of the
   * traffic is answered UNAVAILABLE, as the spec requires.
   */
  public static WeightedBackend pickBackend(RouteAction action, RandomSource random) {
    long total = action.totalWeight();
    if (total <= 0) {
      return null;
    }
    // The spec caps weights at 1,000,000 and backendRefs at 16, so the total fits an int.
    int draw = random.nextInt((int) Math.min(total, Integer.MAX_VALUE));
    WeightedBackend last = null;
    for (WeightedBackend backend : action.backends()) {
      if (backend.weight() == 0) {
        continue;
      }
      if (draw < backend.weight()) {
        return backend;
      }
      draw -= backend.weight();
      last = backend;
    }
    return last;
  }

  /**
   * The certificate for a TLS ClientHello with server name {@code sni} (null when the client sent
   * none). Precedence (Gateway API listener hostname matching, as for virtual hosts): exact
   * hostname, then the longest matching {@code *.suffix} wildcard, then a certificate without
   * hostname, then {@code fallback}; null means the handshake must fail.
   */
  public static ServerCertificate selectCertificate(
      List<ServerCertificate> certificates, Optional<ServerCertificate> fallback, String sni) {
    String host = sni == null ? "" : sni.toLowerCase(Locale.ROOT);
    ServerCertificate bestWildcard = null;
    int bestSuffixLength = -1;
    ServerCertificate any = null;
    for (ServerCertificate candidate : certificates) {
      String name = candidate.hostname();
      if (name.isEmpty() || VirtualHost.ANY.equals(name)) {
        if (any == null) {
          any = candidate;
        }
      } else if (isWildcard(name)) {
        int suffixLength = name.length() - 1;
        if (suffixLength > bestSuffixLength && wildcardMatches(name, host)) {
          bestWildcard = candidate;
          bestSuffixLength = suffixLength;
        }
      } else if (!host.isEmpty() && name.equalsIgnoreCase(host)) {
        return candidate;
      }
    }
    if (bestWildcard != null) {
      return bestWildcard;
    }
    return any != null ? any : fallback.orElse(null);
  }

  /**
   * The host part of an {@code :authority}, lower case: {@code Foo.Example.com:8443} →
   * {@code foo.example.com}, {@code [::1]:80} → {@code [::1]}; null → empty string.
   */
  public static String hostOf(String authority) {
    if (authority == null) {
      return "";
    }
    int end = authority.length();
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      end = close < 0 ? end : close + 1;
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && authority.indexOf(':') == colon) {
        end = colon;
      }
    }
    // toLowerCase returns the same instance when nothing changes, so the common case allocates
    // only for the port strip.
    return authority.substring(0, end).toLowerCase(Locale.ROOT);
  }

  private static boolean isWildcard(String name) {
    return name.length() > 2 && name.charAt(0) == '*' && name.charAt(1) == '.';
  }

  /** {@code *.suffix} covers one or more labels before {@code .suffix}, never the bare suffix. */
  private static boolean wildcardMatches(String wildcard, String host) {
    int suffixLength = wildcard.length() - 1;
    int start = host.length() - suffixLength;
    return start > 0 && host.regionMatches(true, start, wildcard, 1, suffixLength);
  }
}
