package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostname coverage, intersection and specificity (grpcroute_types.go GRPCRouteSpec.Hostnames). */
class HostnamesTest {

  @Test
  void wildcardCoversOneOrMoreLabelsButNotTheBareDomain() {
    assertThat(Hostnames.covers("*.example.com", "foo.example.com")).isTrue();
    assertThat(Hostnames.covers("*.example.com", "a.b.example.com")).isTrue();
    assertThat(Hostnames.covers("*.example.com", "example.com")).isFalse();
    assertThat(Hostnames.covers("*.example.com", "fooexample.com")).isFalse();
    assertThat(Hostnames.covers("*.example.com", "*.foo.example.com")).isTrue();
    assertThat(Hostnames.covers("*.foo.example.com", "*.example.com")).isFalse();
    assertThat(Hostnames.covers(Hostnames.ANY, "*.example.com")).isTrue();
    assertThat(Hostnames.covers("foo.example.com", "*.example.com")).isFalse();
  }

  @Test
  void effectiveHostsFollowTheSpecExamples() {
    // Listener test.example.com accepts routes with test.example.com or *.example.com.
    assertThat(Hostnames.effective("test.example.com", List.of("*.example.com")))
        .containsExactly("test.example.com");
    // Listener *.example.com: test.example.com and *.example.com match; example.com and
    // test.example.net are ignored.
    assertThat(Hostnames.effective("*.example.com",
        List.of("test.example.com", "*.example.com", "example.com", "test.example.net")))
        .containsExactly("test.example.com", "*.example.com");
    assertThat(Hostnames.effective("*.example.com", List.of("example.com"))).isEmpty();
    assertThat(Hostnames.effective(null, List.of())).containsExactly(Hostnames.ANY);
    assertThat(Hostnames.effective("", List.of("A.Example.com"))).containsExactly("a.example.com");
    assertThat(Hostnames.effective("x.io", List.of())).containsExactly("x.io");
  }

  @Test
  void mostSpecificFirst_exactThenLongerWildcardThenAny() {
    List<String> hosts = new ArrayList<>(List.of("*", "*.example.com", "b.example.com",
        "*.foo.example.com", "a.example.com"));
    hosts.sort(Hostnames.MOST_SPECIFIC_FIRST);
    assertThat(hosts).containsExactly("a.example.com", "b.example.com", "*.foo.example.com",
        "*.example.com", "*");
  }

  @Test
  void characterCountsForPrecedence() {
    assertThat(Hostnames.nonWildcardChars("foo.io")).isEqualTo(6);
    assertThat(Hostnames.nonWildcardChars("*.foo.io")).isZero();
    assertThat(Hostnames.chars("*.foo.io")).isEqualTo(8);
    assertThat(Hostnames.chars(Hostnames.ANY)).isZero();
  }
}
