package io.grpcconformance.harness.expect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightSamplerTest {

  private static final Map<String, Integer> WEIGHTS =
      new LinkedHashMap<>(Map.of("v1", 70, "v2", 30, "v3", 0));

  @Test
  void sharesWithinTheToleranceFit() {
    assertThat(WeightSampler.check(Map.of("v1", 360, "v2", 140), WEIGHTS, 100, 500, 5)).isEmpty();
  }

  @Test
  void aShareOutsideTheToleranceIsReported() {
    assertThat(WeightSampler.check(Map.of("v1", 400, "v2", 100), WEIGHTS, 100, 500, 5))
        .contains("v1=80.0% instead of 70.0%")
        .contains("v2=20.0% instead of 30.0%");
  }

  @Test
  void anyCallToAZeroWeightBackendIsReported() {
    assertThat(WeightSampler.check(Map.of("v1", 350, "v2", 149, "v3", 1), WEIGHTS, 100, 500, 5))
        .contains("v3=got 1 calls with weight 0");
    assertThat(
            WeightSampler.check(Map.of("v1", 350, "v2", 149, "stranger", 1), WEIGHTS, 100, 500, 5))
        .contains("stranger");
  }
}
