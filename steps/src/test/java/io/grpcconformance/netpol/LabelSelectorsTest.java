package io.grpcconformance.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }

  @Test
  void emptySelectorSelectsEverything() {
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of())).isTrue();
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of("a", "b"))).isTrue();
  }

  @Test
  void matchLabelsAndExpressionsAreAnded() {
    LabelSelector selector =
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("pod", "a"))
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("Exists")
            .endMatchExpression()
            .build();
    assertThat(LabelSelectors.matches(selector, Map.of("pod", "a", "tier", "x"))).isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("pod", "a"))).isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("pod", "b", "tier", "x"))).isFalse();
  }

  @Test
  void operators() {
    assertThat(LabelSelectors.matches(expression("pod", "In", "b", "c"), Map.of("pod", "c")))
        .isTrue();
    assertThat(LabelSelectors.matches(expression("pod", "In", "b"), Map.of())).isFalse();
    assertThat(LabelSelectors.matches(expression("pod", "NotIn", "b"), Map.of("pod", "a")))
        .isTrue();
    assertThat(LabelSelectors.matches(expression("pod", "NotIn", "b"), Map.of("pod", "b")))
        .isFalse();
    assertThat(LabelSelectors.matches(expression("pod", "NotIn", "b"), Map.of()))
        .as("NotIn holds when the label is absent")
        .isTrue();
    assertThat(LabelSelectors.matches(expression("pod", "DoesNotExist"), Map.of())).isTrue();
    assertThat(LabelSelectors.matches(expression("pod", "DoesNotExist"), Map.of("pod", "a")))
        .isFalse();
  }

  @Test
  void problemsNameTheField() {
    assertThat(LabelSelectors.problem(expression("pod", "In"), "spec.podSelector"))
        .hasValueSatisfying(
            p -> assertThat(p.field()).isEqualTo("spec.podSelector.matchExpressions[0].values"));
    assertThat(LabelSelectors.problem(expression("pod", "Exists", "x"), "s"))
        .hasValueSatisfying(p -> assertThat(p.message()).contains("may not be specified"));
    assertThat(LabelSelectors.problem(expression("pod", "Equals", "x"), "s"))
        .hasValueSatisfying(p -> assertThat(p.field()).isEqualTo("s.matchExpressions[0].operator"));
    assertThat(LabelSelectors.problem(expression("pod", "In", "x"), "s")).isEmpty();
  }
}
