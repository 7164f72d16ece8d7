package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.grpcconformance.gateway.routing.DirectResponse;
import io.grpcconformance.gateway.routing.RouteAction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per precedence criterion of grpcroute_types.go L194-214, in the spec's order. */
class PrecedenceTest {

  /** A candidate builder with neutral defaults; each test changes one criterion. */
  private static final class C {
    String host = "*";
    String ns = "default";
    String name = "r";
    String created = "2025-01-01T00:00:00Z";
    int rule;
    int match;
    String type = "Exact";
    String service = "";
    String method = "";
    int headers;

    C host(String h) {
      host = h;
      return this;
    }

    C route(String namespace, String routeName, String creationTimestamp) {
      ns = namespace;
      name = routeName;
      created = creationTimestamp;
      return this;
    }

    C rule(int r, int m) {
      rule = r;
      match = m;
      return this;
    }

    C method(String t, String s, String m) {
      type = t;
      service = s;
      method = m;
      return this;
    }

    C headers(int n) {
      headers = n;
      return this;
    }

    Precedence.Candidate build() {
      GRPCRoute route = new GRPCRouteBuilder().withNewMetadata().withNamespace(ns).withName(name)
          .withCreationTimestamp(created).endMetadata().build();
      List<GRPCHeaderMatch> hs = new ArrayList<>();
      for (int i = 0; i < headers; i++) {
        hs.add(new GRPCHeaderMatch("h" + i, "Exact", "v"));
      }
      GRPCRouteMatch m = new GRPCRouteMatch(hs, service.isEmpty() && method.isEmpty() ? null
          : new GRPCMethodMatch(method.isEmpty() ? null : method,
              service.isEmpty() ? null : service, type));
      try {
        CompiledRoute.Match lowered = GrpcMatches.lower(m, match, "test");
        CompiledRoute.Rule r = new CompiledRoute.Rule(rule, List.of(lowered),
            RouteAction.answer(DirectResponse.status(12, "test")));
        CompiledRoute compiled = new CompiledRoute(route, List.of(r), List.of(), null, null, null,
            List.of());
        return new Precedence.Candidate(host, compiled, r, lowered);
      } catch (RuleException e) {
        throw new AssertionError(e.getMessage());
      }
    }
  }

  private static void assertFirst(C winner, C loser) {
    Precedence.Candidate w = winner.build();
    Precedence.Candidate l = loser.build();
    assertThat(Precedence.compare(w, l)).as("winner before loser").isNegative();
    assertThat(Precedence.compare(l, w)).as("loser after winner").isPositive();
    List<Precedence.Candidate> sorted = new ArrayList<>(List.of(l, w));
    sorted.sort(Precedence.ORDER);
    assertThat(sorted).containsExactly(w, l);
  }

  @Test
  void precedence_nonWildcardHostnameCharactersComeFirst() {
    // An exact hostname beats a wildcard even when the wildcard has more characters.
    assertFirst(new C().host("a.io"), new C().host("*.a-much-longer-domain.example.com"));
  }

  @Test
  void precedence_longerExactHostnameBeatsShorterExactHostname() {
    assertFirst(new C().host("foo.example.com"), new C().host("example.com"));
  }

  @Test
  void precedence_longerWildcardHostnameBeatsShorterWildcard() {
    assertFirst(new C().host("*.b.example.com"), new C().host("*.example.com"));
  }

  @Test
  void precedence_anyWildcardHostnameBeatsNoHostname() {
    assertFirst(new C().host("*.example.com"), new C().host(Hostnames.ANY));
  }

  @Test
  void precedence_hostnameBeatsServiceLength() {
    assertFirst(new C().host("a.io"),
        new C().host(Hostnames.ANY).method("Exact", "com.example.VeryLongServiceName", "Call"));
  }

  @Test
  void precedence_serviceLengthBeatsMethodLength() {
    assertFirst(new C().method("Exact", "com.example.LongService", "A"),
        new C().method("Exact", "a.B", "AVeryLongMethodNameIndeed"));
  }

  @Test
  void precedence_longerServiceWins() {
    assertFirst(new C().method("Exact", "com.example.User", ""),
        new C().method("Exact", "com.User", ""));
  }

  @Test
  void precedence_methodLengthBeatsHeaderCount() {
    assertFirst(new C().method("Exact", "svc.S", "LongerMethod"),
        new C().method("Exact", "svc.S", "Short").headers(5));
  }

  @Test
  void precedence_longerMethodWins() {
    assertFirst(new C().method("Exact", "", "EchoTwo"), new C().method("Exact", "", "Echo"));
  }

  @Test
  void precedence_moreHeaderMatchesWin() {
    assertFirst(new C().headers(2), new C().headers(1));
  }

  @Test
  void precedence_regularExpressionCountsItsCharacters() {
    assertFirst(new C().method("RegularExpression", "com\\.example\\..*", ""),
        new C().method("Exact", "com.example.U", ""));
  }

  @Test
  void precedence_olderRouteWinsTies() {
    assertFirst(new C().route("z", "z", "2025-01-01T00:00:00Z"),
        new C().route("a", "a", "2025-06-01T00:00:00Z"));
  }

  @Test
  void precedence_namespaceNameBreaksTimestampTies() {
    assertFirst(new C().route("a", "z", "2025-01-01T00:00:00Z"),
        new C().route("b", "a", "2025-01-01T00:00:00Z"));
  }

  @Test
  void precedence_routeWithoutCreationTimestampCountsAsNewest() {
    assertFirst(new C().route("z", "z", "2030-01-01T00:00:00Z"), new C().route("a", "a", null));
  }

  @Test
  void precedence_ruleOrderBreaksTiesWithinRoute() {
    assertFirst(new C().rule(1, 0), new C().rule(3, 0));
  }

  @Test
  void precedence_matchOrderBreaksTiesWithinRule() {
    assertFirst(new C().rule(2, 0), new C().rule(2, 1));
  }

  @Test
  void precedence_headerCountBeatsRouteAge() {
    // Criteria on the match come before route age: the newer route with more headers wins.
    assertFirst(new C().route("default", "new", "2025-06-01T00:00:00Z").headers(1),
        new C().route("default", "old", "2025-01-01T00:00:00Z"));
  }
}
