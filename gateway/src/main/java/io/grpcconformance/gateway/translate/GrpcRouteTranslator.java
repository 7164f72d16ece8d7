package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.grpcconformance.gateway.routing.DirectResponse;
import io.grpcconformance.gateway.routing.HeaderModifier;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lowers the rules of a GRPCRoute (grpcroute_types.go GRPCRouteRule) to {@link CompiledRoute}.
 *
 * <p>Invalid rules are dropped, the rest keep working (gateway_types.go AllowedRoutes: "invalid
 * rules can be dropped"; shared_types.go PartiallyInvalid "Dropped Rule"). A rule is invalid for a
 * bad match (see {@link GrpcMatches}), a filter this gateway does not implement (RequestMirror,
 * ExtensionRef, backend-level filters: UnsupportedValue; a repeated header modifier:
 * IncompatibleFilters), a backendRef weight outside 0..1000000, or more entries than the spec
 * allows. Dropping the whole rule, rather than
 * serving it without the filter, honours "an unresolvable ExtensionRef MUST NOT be skipped".
 *
 * <p>Actions: no backendRefs → the gateway answers UNIMPLEMENTED (site grpcroute.md "BackendRefs");
 * backendRefs whose weights are all 0 → UNAVAILABLE (open upstream PR #4769; gateway-api.md §1.9);
 * otherwise the backends with weight &gt; 0, invalid ones included so their share is UNAVAILABLE.
 */
final class GrpcRouteTranslator {
  static final int GRPC_UNIMPLEMENTED = 12;
  static final int GRPC_UNAVAILABLE = 14;
  static final int MAX_RULES = 16;
  static final int MAX_MATCHES_PER_RULE = 64;
  static final int MAX_MATCHES_TOTAL = 128;
  static final int MAX_HOSTNAMES = 16;
  static final int MAX_PARENT_REFS = 32;
  static final int MAX_FILTERS = 16;
  static final int MAX_BACKEND_REFS = 16;
  /** shared_types.go BackendRef.Weight: +kubebuilder:validation:Maximum=1000000 (minimum 0). */
  static final int MAX_WEIGHT = 1_000_000;
  /** shared_types.go Hostname (route hostnames, lower case; the CRD rejects upper case). */
  private static final Pattern HOSTNAME = Pattern.compile(
      "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

  private final BackendResolver backends;

  GrpcRouteTranslator(BackendResolver backends) {
    this.backends = backends;
  }

  CompiledRoute compile(GRPCRoute route) {
    GRPCRouteSpec spec = route.getSpec() == null ? new GRPCRouteSpec() : route.getSpec();
    List<GRPCRouteRule> rules = spec.getRules() == null ? List.of() : spec.getRules();
    List<CompiledRoute.Rule> valid = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    String droppedReason = null;
    List<String> refsProblems = new ArrayList<>();
    String refsReason = null;
    String routeProblem = routeProblem(spec, rules);
    for (int i = 0; i < rules.size() && routeProblem == null; i++) {
      GRPCRouteRule rule = rules.get(i);
      String field = "spec.rules[" + i + "]";
      List<BackendResolver.Resolution> resolutions = resolveBackends(route, rule, field);
      for (BackendResolver.Resolution r : resolutions) {
        if (r.reason() != null) {
          refsReason = refsReason == null ? r.reason() : refsReason;
          refsProblems.add(r.problem());
        }
      }
      try {
        valid.add(compileRule(route, rule, i, field, resolutions));
      } catch (RuleException e) {
        droppedReason = droppedReason == null ? e.reason : droppedReason;
        dropped.add(e.getMessage());
      }
    }
    return new CompiledRoute(route, valid, dropped, droppedReason, routeProblem, refsReason,
        refsProblems);
  }

  /** Limits the CRD enforces, checked here too because manifests folders bypass the CRD. */
  private static String routeProblem(GRPCRouteSpec spec, List<GRPCRouteRule> rules) {
    if (rules.size() > MAX_RULES) {
      return "spec.rules: " + rules.size() + " rules, the spec allows at most " + MAX_RULES;
    }
    int total = 0;
    for (GRPCRouteRule r : rules) {
      total += r.getMatches() == null ? 0 : r.getMatches().size();
    }
    if (total > MAX_MATCHES_TOTAL) {
      return "spec.rules: " + total + " matches in all rules, the spec allows at most "
          + MAX_MATCHES_TOTAL;
    }
    List<String> hostnames = spec.getHostnames() == null ? List.of() : spec.getHostnames();
    if (hostnames.size() > MAX_HOSTNAMES) {
      return "spec.hostnames: " + hostnames.size() + " hostnames, the spec allows at most "
          + MAX_HOSTNAMES;
    }
    for (int i = 0; i < hostnames.size(); i++) {
      String h = Meta.orDefault(hostnames.get(i), "").toLowerCase(Locale.ROOT);
      if (h.length() > 253 || !HOSTNAME.matcher(h).matches()) {
        return "spec.hostnames[" + i + "]: \"" + hostnames.get(i) + "\" is not a valid hostname"
            + " (RFC 1123, optionally starting with *.; no IP addresses)";
      }
    }
    if (spec.getParentRefs() != null && spec.getParentRefs().size() > MAX_PARENT_REFS) {
      return "spec.parentRefs: " + spec.getParentRefs().size()
          + " parentRefs, the spec allows at most " + MAX_PARENT_REFS;
    }
    return null;
  }

  private List<BackendResolver.Resolution> resolveBackends(GRPCRoute route, GRPCRouteRule rule,
      String field) {
    List<GRPCBackendRef> refs = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
    List<BackendResolver.Resolution> out = new ArrayList<>();
    for (int j = 0; j < refs.size(); j++) {
      out.add(backends.resolve(route, refs.get(j), field + ".backendRefs[" + j + "]"));
    }
    return out;
  }

  private static CompiledRoute.Rule compileRule(GRPCRoute route, GRPCRouteRule rule, int index,
      String field, List<BackendResolver.Resolution> resolutions) throws RuleException {
    List<GRPCRouteMatch> matches = rule.getMatches() == null ? List.of() : rule.getMatches();
    if (matches.size() > MAX_MATCHES_PER_RULE) {
      throw RuleException.unsupported(field + ".matches: " + matches.size()
          + " matches, the spec allows at most " + MAX_MATCHES_PER_RULE);
    }
    List<CompiledRoute.Match> lowered = new ArrayList<>();
    for (int m = 0; m < matches.size(); m++) {
      lowered.add(GrpcMatches.lower(matches.get(m), m, field + ".matches[" + m + "]"));
    }
    if (lowered.isEmpty()) {
      lowered.add(new CompiledRoute.Match(0, RouteMatch.ANY, 0, 0)); // no matches: match all
    }
    HeaderModifier[] modifiers = filters(rule.getFilters(), field);
    List<GRPCBackendRef> refs = rule.getBackendRefs() == null ? List.of() : rule.getBackendRefs();
    if (refs.size() > MAX_BACKEND_REFS) {
      throw RuleException.unsupported(field + ".backendRefs: " + refs.size()
          + " backendRefs, the spec allows at most " + MAX_BACKEND_REFS);
    }
    for (int j = 0; j < refs.size(); j++) {
      if (refs.get(j).getFilters() != null && !refs.get(j).getFilters().isEmpty()) {
        throw RuleException.unsupported(field + ".backendRefs[" + j
            + "].filters: backend-level filters are not supported");
      }
      // CRD (BackendRef.weight): minimum 0, maximum 1000000. A manifests folder bypasses the CRD,
      // so an out-of-range weight drops the rule rather than being clamped silently.
      Integer weight = refs.get(j).getWeight();
      if (weight != null && (weight < 0 || weight > MAX_WEIGHT)) {
        throw RuleException.unsupported(field + ".backendRefs[" + j + "].weight: " + weight
            + " is out of range, the spec allows weights 0.." + MAX_WEIGHT);
      }
    }
    String origin = Meta.describe(route) + " rule " + index;
    RouteAction action;
    if (refs.isEmpty()) {
      action = RouteAction.answer(DirectResponse.status(GRPC_UNIMPLEMENTED,
          origin + " has no backendRefs"));
    } else {
      List<WeightedBackend> weighted = new ArrayList<>();
      for (BackendResolver.Resolution r : resolutions) {
        if (r.backend().weight() > 0) {
          weighted.add(r.backend());
        }
      }
      action = weighted.isEmpty()
          ? RouteAction.answer(DirectResponse.status(GRPC_UNAVAILABLE,
              origin + ": every backendRef has weight 0"))
          : new RouteAction(weighted, modifiers[0], modifiers[1], Optional.empty());
    }
    return new CompiledRoute.Rule(index, lowered, action);
  }

  /** [request, response] header modifiers of a rule. */
  private static HeaderModifier[] filters(List<GRPCRouteFilter> filters, String field)
      throws RuleException {
    HeaderModifier request = null;
    HeaderModifier response = null;
    List<GRPCRouteFilter> list = filters == null ? List.of() : filters;
    if (list.size() > MAX_FILTERS) {
      throw RuleException.unsupported(field + ".filters: " + list.size()
          + " filters, the spec allows at most " + MAX_FILTERS);
    }
    for (int i = 0; i < list.size(); i++) {
      GRPCRouteFilter f = list.get(i);
      String where = field + ".filters[" + i + "]";
      String type = Meta.orDefault(f.getType(), "");
      switch (type) {
        case "RequestHeaderModifier" -> {
          if (request != null) {
            throw new RuleException(Conditions.REASON_INCOMPATIBLE_FILTERS, where
                + ": RequestHeaderModifier may appear only once in a rule");
          }
          request = modifier(f.getRequestHeaderModifier(), where + ".requestHeaderModifier");
        }
        case "ResponseHeaderModifier" -> {
          if (response != null) {
            throw new RuleException(Conditions.REASON_INCOMPATIBLE_FILTERS, where
                + ": ResponseHeaderModifier may appear only once in a rule");
          }
          response = modifier(f.getResponseHeaderModifier(), where + ".responseHeaderModifier");
        }
        case "RequestMirror", "ExtensionRef" -> throw RuleException.unsupported(where
            + ".type: filter " + type + " is not supported by this gateway");
        default -> throw RuleException.unsupported(where + ".type: unknown filter type \""
            + type + "\"");
      }
    }
    return new HeaderModifier[] {
        request == null ? HeaderModifier.NONE : request,
        response == null ? HeaderModifier.NONE : response};
  }

  /**
   * An HTTPHeaderFilter. Each header name takes one action: the first of set, add, remove that
   * names it (set and add are list-maps keyed by name, so the CRD only rejects repeats within one
   * list; a name repeated across lists keeps its first action instead of failing the rule).
   */
  private static HeaderModifier modifier(HTTPHeaderFilter f, String field) throws RuleException {
    if (f == null) {
      throw RuleException.unsupported(field + ": must be set for this filter type");
    }
    Set<String> names = new LinkedHashSet<>();
    Map<String, String> set = headers(f.getSet(), field + ".set", names);
    Map<String, String> add = headers(f.getAdd(), field + ".add", names);
    List<String> remove = new ArrayList<>();
    for (String r : f.getRemove() == null ? List.<String>of() : f.getRemove()) {
      if (!Meta.isBlank(r) && names.add(r.toLowerCase(Locale.ROOT))) {
        remove.add(r);
      }
    }
    return new HeaderModifier(set, add, remove);
  }

  /** A list-map keyed by name: the first entry of a (case-insensitive) name counts. */
  private static Map<String, String> headers(List<HTTPHeader> list, String field, Set<String> names)
      throws RuleException {
    Map<String, String> out = new LinkedHashMap<>();
    List<HTTPHeader> entries = list == null ? List.of() : list;
    for (int i = 0; i < entries.size(); i++) {
      HTTPHeader h = entries.get(i);
      if (Meta.isBlank(h.getName()) || h.getValue() == null) {
        throw RuleException.unsupported(field + "[" + i + "]: name and value must be set");
      }
      if (names.add(h.getName().toLowerCase(Locale.ROOT))) {
        out.put(h.getName(), h.getValue());
      }
    }
    return out;
  }
}
