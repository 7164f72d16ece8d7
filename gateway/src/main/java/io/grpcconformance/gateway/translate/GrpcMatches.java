package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCMethodMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.grpcconformance.gateway.routing.HeaderMatch;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.RouteMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Lowers a GRPCRouteMatch (grpcroute_types.go GRPCMethodMatch, GRPCHeaderMatch) to a
 * {@link RouteMatch}, as {@link PathMatch}'s Javadoc describes:
 *
 * <ul>
 *   <li>Exact service and method → EXACT {@code /svc/method}; service only → PREFIX {@code /svc/};
 *       method only → REGEX {@code /[^/]+/method}. Exact values must match the CRD's CEL patterns.
 *   <li>RegularExpression → REGEX {@code /(?:svc)/(?:method)}, an unset part being {@code [^/]+}.
 *       The dialect is implementation-specific (spec); this one is java.util.regex, matched against
 *       the whole path, case-sensitive.
 *   <li>Headers: Exact or RegularExpression (whole value); names compare case-insensitively and
 *       only the first entry of a repeated name counts (spec GRPCHeaderMatch).
 * </ul>
 *
 * Anything else (bad expression, unknown type, CEL violations a CRD would have caught) makes the
 * rule invalid with reason UnsupportedValue and a message naming the field.
 */
final class GrpcMatches {
  private static final Pattern EXACT_SERVICE =
      Pattern.compile("^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$");
  private static final Pattern EXACT_METHOD = Pattern.compile("^[A-Za-z_][A-Za-z_0-9]*$");
  private static final Pattern HEADER_NAME = Pattern.compile("^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$");
  private static final String ANY_SEGMENT = "[^/]+";
  static final int MAX_NAME = 1024;
  static final int MAX_HEADERS = 16;

  private GrpcMatches() {}

  /** @param field e.g. {@code spec.rules[2].matches[0]} */
  static CompiledRoute.Match lower(GRPCRouteMatch m, int index, String field)
      throws RuleException {
    GRPCMethodMatch method = m.getMethod();
    PathMatch path = PathMatch.any();
    int serviceChars = 0;
    int methodChars = 0;
    if (method != null) {
      String service = Meta.orDefault(method.getService(), "");
      String name = Meta.orDefault(method.getMethod(), "");
      String type = Meta.orDefault(method.getType(), "Exact");
      path = lowerMethod(type, service, name, field + ".method");
      // Characters of the service as matched on the wire (an Exact leading dot is not on it).
      serviceChars = service.length()
          - (type.equals("Exact") && service.startsWith(".") ? 1 : 0);
      methodChars = name.length();
    }
    return new CompiledRoute.Match(index, new RouteMatch(path, lowerHeaders(m.getHeaders(), field)),
        serviceChars, methodChars);
  }

  private static PathMatch lowerMethod(String type, String service, String method, String field)
      throws RuleException {
    if (service.isEmpty() && method.isEmpty()) {
      throw RuleException.unsupported(field + ": one or both of service or method must be set");
    }
    if (service.length() > MAX_NAME || method.length() > MAX_NAME) {
      throw RuleException.unsupported(field + ": service and method are limited to " + MAX_NAME
          + " characters");
    }
    switch (type) {
      case "Exact" -> {
        if (!service.isEmpty() && !EXACT_SERVICE.matcher(service).matches()) {
          throw RuleException.unsupported(field + ".service: \"" + service
              + "\" is not a valid service name for type Exact");
        }
        if (!method.isEmpty() && !EXACT_METHOD.matcher(method).matches()) {
          throw RuleException.unsupported(field + ".method: \"" + method
              + "\" is not a valid method name for type Exact");
        }
        // A leading dot (allowed by the CRD) marks a fully-qualified name; it is not on the wire.
        String svc = service.startsWith(".") ? service.substring(1) : service;
        if (method.isEmpty()) {
          return PathMatch.prefix("/" + svc + "/");
        }
        if (svc.isEmpty()) {
          return PathMatch.regex("/" + ANY_SEGMENT + "/" + Pattern.quote(method));
        }
        return PathMatch.exact("/" + svc + "/" + method);
      }
      case "RegularExpression" -> {
        String s = service.isEmpty() ? ANY_SEGMENT
            : "(?:" + checkRegex(service, field + ".service") + ")";
        String m = method.isEmpty() ? ANY_SEGMENT
            : "(?:" + checkRegex(method, field + ".method") + ")";
        return PathMatch.regex("/" + s + "/" + m);
      }
      default -> throw RuleException.unsupported(field + ".type: unsupported match type " + type
          + " (Exact or RegularExpression)");
    }
  }

  private static List<HeaderMatch> lowerHeaders(List<GRPCHeaderMatch> headers, String field)
      throws RuleException {
    if (headers == null || headers.isEmpty()) {
      return List.of();
    }
    if (headers.size() > MAX_HEADERS) {
      throw RuleException.unsupported(field + ".headers: " + headers.size()
          + " header matches, the spec allows at most " + MAX_HEADERS);
    }
    List<HeaderMatch> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < headers.size(); i++) {
      GRPCHeaderMatch h = headers.get(i);
      String where = field + ".headers[" + i + "]";
      String name = Meta.orDefault(h.getName(), "");
      if (!HEADER_NAME.matcher(name).matches()) {
        throw RuleException.unsupported(where + ".name: \"" + name
            + "\" is not a valid header name");
      }
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        continue; // only the first entry of a name counts (spec GRPCHeaderMatch)
      }
      String value = h.getValue();
      if (value == null || value.isEmpty()) {
        throw RuleException.unsupported(where + ".value: must be set");
      }
      String type = Meta.orDefault(h.getType(), "Exact");
      switch (type) {
        case "Exact" -> out.add(HeaderMatch.exact(name, value));
        case "RegularExpression" -> {
          checkRegex(value, where + ".value");
          out.add(HeaderMatch.regex(name, value));
        }
        // spec: an unknown type MUST give Accepted=False with reason UnsupportedValue.
        default -> throw RuleException.unsupported(where + ".type: unsupported match type " + type
            + " (Exact or RegularExpression)");
      }
    }
    return out;
  }

  private static String checkRegex(String regex, String field) throws RuleException {
    try {
      Pattern.compile(regex);
      return regex;
    } catch (PatternSyntaxException e) {
      throw RuleException.unsupported(field + ": invalid regular expression: "
          + e.getDescription() + " near index " + e.getIndex());
    }
  }
}
