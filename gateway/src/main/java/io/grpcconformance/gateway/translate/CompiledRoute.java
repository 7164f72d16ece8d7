package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import java.util.List;

/**
 * A GRPCRoute lowered to IR pieces, independent of where it attaches: its valid rules, the rules
 * it dropped, and the state of its backend references (which become the ResolvedRefs condition).
 *
 * @param route the GRPCRoute
 * @param rules valid rules in spec order
 * @param dropped one line per dropped rule (field and why)
 * @param droppedReason the Accepted/PartiallyInvalid reason of the first dropped rule, else null
 * @param routeProblem a problem of the whole route (limits, hostnames), else null
 * @param refsReason ResolvedRefs reason of the first unresolved backendRef, else null
 * @param refsProblems one line per unresolved backendRef
 */
record CompiledRoute(
    HasMetadata route,
    List<Rule> rules,
    List<String> dropped,
    String droppedReason,
    String routeProblem,
    String refsReason,
    List<String> refsProblems) {

  /**
   * A valid rule.
   *
   * @param index index in spec.rules
   * @param matches lowered matches (one {@link RouteMatch#ANY} when the rule has none)
   * @param action what every match of the rule does
   */
  record Rule(int index, List<Match> matches, RouteAction action) {}

  /**
   * A lowered match with the numbers precedence compares.
   *
   * @param index index in the rule's matches
   * @param serviceChars characters of the service (exact value or expression source; 0 if unset)
   * @param methodChars characters of the method (likewise)
   */
  record Match(int index, RouteMatch match, int serviceChars, int methodChars) {
    int headerCount() {
      return match.headers().size();
    }
  }

  /**
   * Whether the gateway implements the route (route-parent Accepted=True is possible): no
   * route-level problem, and at least one valid rule or no rules at all (grpc spec: "A Route MUST
   * be considered Accepted if at least one of the Route's rules is implemented").
   */
  boolean implemented() {
    return routeProblem == null && (!rules.isEmpty() || dropped.isEmpty());
  }

  String key() {
    return Meta.key(route);
  }
}
