package io.grpcconformance.gateway.translate;

import java.util.Comparator;

/**
 * The order of routes inside one virtual host: the data plane takes the first route that matches.
 *
 * <p>grpcroute_types.go L194-214 (v1.6.1), GRPCRouteRule.Matches:
 *
 * <blockquote>
 * Proxy or Load Balancer routing configuration generated from GRPCRoutes MUST prioritize rules
 * based on the following criteria, continuing on ties. Merging MUST not be done between GRPCRoutes
 * and HTTPRoutes. Precedence MUST be given to the rule with the largest number of:
 *
 * <ul>
 *   <li>Characters in a matching non-wildcard hostname.
 *   <li>Characters in a matching hostname.
 *   <li>Characters in a matching service.
 *   <li>Characters in a matching method.
 *   <li>Header matches.
 * </ul>
 *
 * If ties still exist across multiple Routes, matching precedence MUST be determined in order of
 * the following criteria, continuing on ties:
 *
 * <ul>
 *   <li>The oldest Route based on creation timestamp.
 *   <li>The Route appearing first in alphabetical order by "{namespace}/{name}".
 * </ul>
 *
 * If ties still exist within the Route that has been given precedence, matching precedence MUST be
 * granted to the first matching rule meeting the above criteria.
 * </blockquote>
 *
 * <p>Applied per match (the matches of a rule are ORed, each with its own service, method and
 * headers), then by rule index and match index. "Matching hostname" is the most specific route
 * hostname (after intersection with the listener) that covers the virtual host; no hostname counts
 * 0 characters, a wildcard counts 0 non-wildcard characters and its full length as hostname
 * characters. For RegularExpression matches the expression's length counts. A route without a
 * creationTimestamp counts as the newest ({@link Meta#OLDEST_FIRST}).
 */
final class Precedence {

  /** One match of one rule of one route, as a candidate inside a virtual host. */
  record Candidate(String hostname, CompiledRoute route, CompiledRoute.Rule rule,
      CompiledRoute.Match match) {}

  /** Highest precedence first. */
  static final Comparator<Candidate> ORDER = Precedence::compare;

  private Precedence() {}

  static int compare(Candidate a, Candidate b) {
    int c = Integer.compare(Hostnames.nonWildcardChars(b.hostname()),
        Hostnames.nonWildcardChars(a.hostname()));
    if (c == 0) {
      c = Integer.compare(Hostnames.chars(b.hostname()), Hostnames.chars(a.hostname()));
    }
    if (c == 0) {
      c = Integer.compare(b.match().serviceChars(), a.match().serviceChars());
    }
    if (c == 0) {
      c = Integer.compare(b.match().methodChars(), a.match().methodChars());
    }
    if (c == 0) {
      c = Integer.compare(b.match().headerCount(), a.match().headerCount());
    }
    if (c == 0) {
      c = Meta.OLDEST_FIRST.compare(a.route().route(), b.route().route());
    }
    if (c == 0) {
      c = Integer.compare(a.rule().index(), b.rule().index());
    }
    if (c == 0) {
      c = Integer.compare(a.match().index(), b.match().index());
    }
    return c;
  }
}
