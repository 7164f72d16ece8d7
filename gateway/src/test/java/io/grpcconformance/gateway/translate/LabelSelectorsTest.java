package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** allowedRoutes namespace selectors: matchLabels and matchExpressions, ANDed. */
class LabelSelectorsTest {

  @Test
  void matchLabelsAndExpressionsAreAnded() {
    LabelSelector s = new LabelSelectorBuilder().withMatchLabels(Map.of("env", "prod"))
        .addNewMatchExpression().withKey("tier").withOperator("In").withValues("gold", "silver")
        .endMatchExpression()
        .addNewMatchExpression().withKey("legacy").withOperator("DoesNotExist").endMatchExpression()
        .build();
    assertThat(LabelSelectors.validate(s, "f")).isNull();
    assertThat(LabelSelectors.matches(s, Map.of("env", "prod", "tier", "gold"))).isTrue();
    assertThat(LabelSelectors.matches(s, Map.of("env", "prod", "tier", "bronze"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("env", "dev", "tier", "gold"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of("env", "prod", "tier", "gold", "legacy", "")))
        .isFalse();
  }

  @Test
  void notInAndExists() {
    LabelSelector s = new LabelSelectorBuilder()
        .addNewMatchExpression().withKey("team").withOperator("NotIn").withValues("red")
        .endMatchExpression()
        .addNewMatchExpression().withKey("owner").withOperator("Exists").endMatchExpression()
        .build();
    assertThat(LabelSelectors.matches(s, Map.of("owner", "x"))).isTrue();
    assertThat(LabelSelectors.matches(s, Map.of("owner", "x", "team", "red"))).isFalse();
    assertThat(LabelSelectors.matches(s, Map.of())).isFalse();
  }

  @Test
  void emptySelectorMatchesEverything() {
    assertThat(LabelSelectors.matches(new LabelSelector(), Map.of("a", "b"))).isTrue();
  }

  @Test
  void invalidSelectorsAreNamed() {
    LabelSelector bad = new LabelSelectorBuilder().addNewMatchExpression().withKey("k")
        .withOperator("Like").withValues("x").endMatchExpression().build();
    assertThat(LabelSelectors.validate(bad, "spec.listeners[0].allowedRoutes.namespaces.selector"))
        .isEqualTo("spec.listeners[0].allowedRoutes.namespaces.selector.matchExpressions[0]"
            + ".operator: unsupported operator Like (expected In, NotIn, Exists or DoesNotExist)");
    assertThat(LabelSelectors.validate(null, "f")).contains("selector is required");
  }
}
