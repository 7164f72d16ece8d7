package io.grpcconformance.netpol;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Label-selector matching with the apimachinery semantics ({@code metav1.LabelSelectorAsSelector}).
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /**
   * Whether {@code selector} selects an object with {@code labels}: every matchLabels pair and
   * every matchExpressions requirement must hold (AND). An empty selector selects everything. The
   * caller decides what a {@code null} selector means (it differs between podSelector and
   * namespaceSelector).
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> matchLabels = selector.getMatchLabels();
    if (matchLabels != null) {
      for (Map.Entry<String, String> entry : matchLabels.entrySet()) {
        if (!entry.getValue().equals(labels.get(entry.getKey()))) {
          return false;
        }
      }
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions != null) {
      for (LabelSelectorRequirement requirement : expressions) {
        if (!matches(requirement, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      // NotIn also holds when the label is absent (apimachinery selection.Operator NotIn).
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default ->
          throw new IllegalArgumentException(
              "unknown label selector operator " + requirement.getOperator());
    };
  }

  /**
   * Why {@code selector} is invalid (apimachinery {@code ValidateLabelSelector}), or empty when it
   * is valid. The problem's field is {@code at} plus the offending part, e.g. {@code
   * spec.podSelector.matchExpressions[0].values}.
   */
  public static Optional<PolicyProblem> problem(LabelSelector selector, String at) {
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions == null) {
      return Optional.empty();
    }
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement requirement = expressions.get(i);
      String field = at + ".matchExpressions[" + i + "]";
      if (requirement.getKey() == null || requirement.getKey().isEmpty()) {
        return Optional.of(new PolicyProblem(field + ".key", "required"));
      }
      int count = requirement.getValues() == null ? 0 : requirement.getValues().size();
      String operator = requirement.getOperator();
      if (operator == null) {
        return Optional.of(new PolicyProblem(field + ".operator", "required"));
      }
      switch (operator) {
        case "In", "NotIn" -> {
          if (count == 0) {
            return Optional.of(
                new PolicyProblem(
                    field + ".values", "must be specified when operator is " + operator));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (count > 0) {
            return Optional.of(
                new PolicyProblem(
                    field + ".values", "may not be specified when operator is " + operator));
          }
        }
        default -> {
          return Optional.of(
              new PolicyProblem(
                  field + ".operator",
                  "not a valid selector operator '"
                      + operator
                      + "' (supported: In, NotIn, Exists, DoesNotExist)"));
        }
      }
    }
    return Optional.empty();
  }
}
