package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes label selector semantics ({@code matchLabels} and {@code matchExpressions}, ANDed)
 * for {@code allowedRoutes.namespaces.selector}.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Null when {@code selector} is usable, else why not (one line, naming the expression). */
  static String validate(LabelSelector selector, String field) {
    if (selector == null) {
      return field + ": a selector is required when from is Selector";
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    for (int i = 0; exprs != null && i < exprs.size(); i++) {
      LabelSelectorRequirement r = exprs.get(i);
      String op = r.getOperator();
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      String where = field + ".matchExpressions[" + i + "]";
      if (Meta.isBlank(r.getKey())) {
        return where + ".key: must be set";
      }
      if ("In".equals(op) || "NotIn".equals(op)) {
        if (values.isEmpty()) {
          return where + ".values: must be non-empty for operator " + op;
        }
      } else if ("Exists".equals(op) || "DoesNotExist".equals(op)) {
        if (!values.isEmpty()) {
          return where + ".values: must be empty for operator " + op;
        }
      } else {
        return where + ".operator: unsupported operator " + op
            + " (expected In, NotIn, Exists or DoesNotExist)";
      }
    }
    return null;
  }

  /** Whether {@code labels} satisfy a selector that {@link #validate} accepted. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> wanted = selector.getMatchLabels();
    if (wanted != null) {
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!java.util.Objects.equals(e.getValue(), labels.get(e.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    if (exprs != null) {
      for (LabelSelectorRequirement r : exprs) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean ok = switch (r.getOperator()) {
          case "In" -> value != null && values.contains(value);
          case "NotIn" -> value == null || !values.contains(value);
          case "Exists" -> labels.containsKey(r.getKey());
          case "DoesNotExist" -> !labels.containsKey(r.getKey());
          default -> false;
        };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
