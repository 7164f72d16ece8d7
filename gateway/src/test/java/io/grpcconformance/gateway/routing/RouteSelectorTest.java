package io.grpcconformance.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.gateway.dataplane.TestCertificates;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One test per routing rule of {@link RouteSelector}. */
class RouteSelectorTest {

  private static final RouteSelector.HeaderLookup NO_HEADERS = name -> null;

  @Test
  void selectVirtualHost_exactBeatsWildcard() {
    VirtualHost wildcard = host("*.example.com");
    VirtualHost exact = host("foo.example.com");
    assertThat(RouteSelector.selectVirtualHost(List.of(wildcard, exact), "foo.example.com"))
        .isSameAs(exact);
  }

  @Test
  void selectVirtualHost_wildcardDoesNotMatchBareDomain() {
    VirtualHost wildcard = host("*.example.com");
    assertThat(RouteSelector.selectVirtualHost(List.of(wildcard), "example.com")).isNull();
  }

  @Test
  void selectVirtualHost_wildcardCoversSeveralLabels() {
    VirtualHost wildcard = host("*.example.com");
    assertThat(RouteSelector.selectVirtualHost(List.of(wildcard), "a.b.example.com"))
        .isSameAs(wildcard);
  }

  @Test
  void selectVirtualHost_longestWildcardWins() {
    VirtualHost shorter = host("*.example.com");
    VirtualHost longer = host("*.foo.example.com");
    assertThat(RouteSelector.selectVirtualHost(List.of(shorter, longer), "a.foo.example.com"))
        .isSameAs(longer);
    assertThat(RouteSelector.selectVirtualHost(List.of(shorter, longer), "a.bar.example.com"))
        .isSameAs(shorter);
  }

  @Test
  void selectVirtualHost_anyIsLastResort() {
    VirtualHost any = host("*");
    VirtualHost wildcard = host("*.example.com");
    assertThat(RouteSelector.selectVirtualHost(List.of(any, wildcard), "a.example.com"))
        .isSameAs(wildcard);
    assertThat(RouteSelector.selectVirtualHost(List.of(any, wildcard), "other.test")).isSameAs(any);
    assertThat(RouteSelector.selectVirtualHost(List.of(any), null)).isSameAs(any);
  }

  @Test
  void selectVirtualHost_ignoresPortAndCase() {
    VirtualHost exact = host("foo.example.com");
    assertThat(RouteSelector.selectVirtualHost(List.of(exact), "FOO.Example.com:8443"))
        .isSameAs(exact);
    assertThat(RouteSelector.hostOf("[::1]:8080")).isEqualTo("[::1]");
    assertThat(RouteSelector.hostOf("foo")).isEqualTo("foo");
  }

  @Test
  void selectVirtualHost_unknownHostIsNull() {
    assertThat(RouteSelector.selectVirtualHost(List.of(host("foo.example.com")), "bar.example.com"))
        .isNull();
  }

  @Test
  void selectRoute_firstMatchWins() {
    Route first = route(PathMatch.prefix("/com.example.User/"), List.of());
    Route second = route(PathMatch.exact("/com.example.User/Login"), List.of());
    VirtualHost vh = new VirtualHost("*", List.of(first, second));
    assertThat(RouteSelector.selectRoute(vh, "/com.example.User/Login", NO_HEADERS))
        .isSameAs(first);
  }

  @Test
  void selectRoute_noMatchIsNull() {
    VirtualHost vh =
        new VirtualHost("*", List.of(route(PathMatch.exact("/com.example.User/Login"), List.of())));
    assertThat(RouteSelector.selectRoute(vh, "/com.example.User/GetUser", NO_HEADERS)).isNull();
  }

  @Test
  void selectRoute_pathComparisonIsCaseSensitive() {
    VirtualHost vh =
        new VirtualHost("*", List.of(route(PathMatch.exact("/com.example.User/Login"), List.of())));
    assertThat(RouteSelector.selectRoute(vh, "/com.example.user/login", NO_HEADERS)).isNull();
  }

  @Test
  void selectRoute_headerNameIsCaseInsensitive() {
    Route canary = route(PathMatch.any(), List.of(HeaderMatch.exact("Env", "canary")));
    VirtualHost vh = new VirtualHost("*", List.of(canary));
    assertThat(RouteSelector.selectRoute(vh, "/a/b", headers(Map.of("ENV", "canary"))))
        .isSameAs(canary);
  }

  @Test
  void selectRoute_headerValueIsCaseSensitive() {
    Route canary = route(PathMatch.any(), List.of(HeaderMatch.exact("env", "canary")));
    VirtualHost vh = new VirtualHost("*", List.of(canary));
    assertThat(RouteSelector.selectRoute(vh, "/a/b", headers(Map.of("env", "Canary")))).isNull();
  }

  @Test
  void selectRoute_missingHeaderNeverMatches() {
    Route regex = route(PathMatch.any(), List.of(HeaderMatch.regex("env", ".*")));
    VirtualHost vh = new VirtualHost("*", List.of(regex));
    assertThat(RouteSelector.selectRoute(vh, "/a/b", NO_HEADERS)).isNull();
  }

  @Test
  void selectRoute_allHeaderMatchesMustHold() {
    Route both =
        route(
            PathMatch.any(),
            List.of(HeaderMatch.exact("env", "canary"), HeaderMatch.exact("team", "a")));
    VirtualHost vh = new VirtualHost("*", List.of(both));
    assertThat(RouteSelector.selectRoute(vh, "/a/b", headers(Map.of("env", "canary")))).isNull();
    assertThat(
            RouteSelector.selectRoute(vh, "/a/b", headers(Map.of("env", "canary", "team", "a"))))
        .isSameAs(both);
  }

  @Test
  void selectRoute_headerRegexMustMatchWholeValue() {
    Route regex = route(PathMatch.any(), List.of(HeaderMatch.regex("version", "v[0-9]+")));
    VirtualHost vh = new VirtualHost("*", List.of(regex));
    assertThat(RouteSelector.selectRoute(vh, "/a/b", headers(Map.of("version", "v12"))))
        .isSameAs(regex);
    assertThat(RouteSelector.selectRoute(vh, "/a/b", headers(Map.of("version", "v12-beta"))))
        .isNull();
  }

  @Test
  void selectRoute_pathRegexMustMatchWholePath() {
    Route regex = route(PathMatch.regex("/[^/]+/Login"), List.of());
    VirtualHost vh = new VirtualHost("*", List.of(regex));
    assertThat(RouteSelector.selectRoute(vh, "/com.example.User/Login", NO_HEADERS))
        .isSameAs(regex);
    assertThat(RouteSelector.selectRoute(vh, "/com.example.User/LoginAgain", NO_HEADERS)).isNull();
  }

  @Test
  void pickBackend_followsCumulativeWeights() {
    WeightedBackend a = backend("a", 70);
    WeightedBackend zero = backend("zero", 0);
    WeightedBackend b = backend("b", 30);
    RouteAction action = RouteAction.forward(List.of(a, zero, b));
    assertThat(RouteSelector.pickBackend(action, bound -> 0)).isSameAs(a);
    assertThat(RouteSelector.pickBackend(action, bound -> 69)).isSameAs(a);
    assertThat(RouteSelector.pickBackend(action, bound -> 70)).isSameAs(b);
    assertThat(RouteSelector.pickBackend(action, bound -> bound - 1)).isSameAs(b);
  }

  @Test
  void pickBackend_allZeroWeightsIsNull() {
    RouteAction action = RouteAction.forward(List.of(backend("a", 0), backend("b", 0)));
    assertThat(RouteSelector.pickBackend(action, bound -> 0)).isNull();
    assertThat(RouteSelector.pickBackend(RouteAction.forward(List.of()), bound -> 0)).isNull();
  }

  @Test
  void pickBackend_returnsInvalidBackendsForTheirShare() {
    WeightedBackend missing = WeightedBackend.invalid("ns/missing", 1, "BackendNotFound: x");
    RouteAction action = RouteAction.forward(List.of(missing));
    assertThat(RouteSelector.pickBackend(action, bound -> 0)).isSameAs(missing);
  }

  @Test
  void pickBackend_distributionFollowsWeightsWithSeededRandom() {
    WeightedBackend a = backend("a", 70);
    WeightedBackend b = backend("b", 30);
    WeightedBackend zero = backend("zero", 0);
    RouteAction action = RouteAction.forward(List.of(a, b, zero));
    Random seeded = new Random(42);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      counts.merge(RouteSelector.pickBackend(action, seeded::nextInt).name(), 1, Integer::sum);
    }
    assertThat(counts.get("a")).isBetween(6_800, 7_200);
    assertThat(counts.get("b")).isBetween(2_800, 3_200);
    assertThat(counts).doesNotContainKey("zero");
  }

  @Test
  void selectCertificate_exactBeatsWildcardBeatsAny() {
    ServerCertificate any = cert("");
    ServerCertificate wildcard = cert("*.example.com");
    ServerCertificate exact = cert("foo.example.com");
    List<ServerCertificate> certs = List.of(any, wildcard, exact);
    assertThat(RouteSelector.selectCertificate(certs, Optional.empty(), "foo.example.com"))
        .isSameAs(exact);
    assertThat(RouteSelector.selectCertificate(certs, Optional.empty(), "bar.example.com"))
        .isSameAs(wildcard);
    assertThat(RouteSelector.selectCertificate(certs, Optional.empty(), "other.test"))
        .isSameAs(any);
    assertThat(RouteSelector.selectCertificate(certs, Optional.empty(), null)).isSameAs(any);
  }

  @Test
  void selectCertificate_fallbackOnlyWhenNothingMatches() {
    ServerCertificate exact = cert("foo.example.com");
    ServerCertificate fallback = cert("fallback");
    assertThat(RouteSelector.selectCertificate(List.of(exact), Optional.of(fallback), "x.test"))
        .isSameAs(fallback);
    assertThat(RouteSelector.selectCertificate(List.of(exact), Optional.empty(), "x.test"))
        .isNull();
    assertThat(RouteSelector.selectCertificate(List.of(cert("*.example.com")), Optional.empty(),
            "example.com"))
        .isNull();
  }

  private static VirtualHost host(String hostname) {
    return new VirtualHost(hostname, List.of());
  }

  private static Route route(PathMatch path, List<HeaderMatch> headers) {
    return new Route(
        new RouteMatch(path, headers),
        RouteAction.forward(List.of()),
        new RouteOrigin("GRPCRoute", "default", "r", 0));
  }

  private static WeightedBackend backend(String name, int weight) {
    return WeightedBackend.valid(name, weight, List.of(new Endpoint("127.0.0.1", 1)));
  }

  private static RouteSelector.HeaderLookup headers(Map<String, String> values) {
    Map<String, String> lower = new HashMap<>();
    values.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower::get;
  }

  private static ServerCertificate cert(String hostname) {
    return TestCertificates.serverCertificate(hostname.isEmpty() ? "any.test" : hostname, hostname);
  }
}
