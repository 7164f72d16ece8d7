package io.grpcconformance.harness.env;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.config.ConfigLoader;
import io.grpcconformance.harness.config.ConformanceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkipPolicyTest {

  private static Environment env(
      Optional<String> skip, Optional<String> noIngress, Optional<String> noCni) {
    return new Environment() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public Optional<String> skipReason() {
        return skip;
      }

      @Override
      public Optional<String> missing(Capability c) {
        return c == Capability.INGRESS ? noIngress : noCni;
      }

      @Override
      public KubernetesClient client() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void deploy(SampleDeployment d) {}

      @Override
      public Address gatewayAddress(String ns, String gw, int port) {
        return Address.loopback(port);
      }

      @Override
      public Address ingressAddress(int port) {
        return Address.loopback(port);
      }

      @Override
      public void close() {}
    };
  }

  private final ConformanceConfig config = ConformanceConfig.defaults();

  @Test
  void runsWhenNothingIsMissing() {
    assertThat(
            SkipPolicy.reasonToSkip(
                List.of("@grpcroute", "@ingress"),
                env(Optional.empty(), Optional.empty(), Optional.of("no CNI")),
                config))
        .isEmpty();
  }

  @Test
  void environmentReasonSkipsEverything() {
    assertThat(
            SkipPolicy.reasonToSkip(
                List.of("@grpcroute"),
                env(Optional.of("no cluster"), Optional.empty(), Optional.empty()),
                config))
        .contains("no cluster");
  }

  @Test
  void taggedCapabilitySkipsWithTheEnvironmentsReason() {
    assertThat(
            SkipPolicy.reasonToSkip(
                List.of("@ingress", "@core"),
                env(Optional.empty(), Optional.of("no ingress controller"), Optional.empty()),
                config))
        .contains("no ingress controller");
  }

  @Test
  void networkPolicyIsCheckedByAStepNotBeforeTheScenario() {
    assertThat(Capability.NETWORK_POLICY.tag()).isEmpty();
    assertThat(
            SkipPolicy.reasonToSkip(
                List.of("@isolation"),
                env(Optional.empty(), Optional.empty(), Optional.of("no CNI")),
                config))
        .isEmpty();
  }

  @Test
  void unsupportedTagsOfTheImplementationAreSkipped() {
    ConformanceConfig c =
        new ConfigLoader(List.of(Map.of("conformance.unsupportedTags", "@extended")::get))
            .resolve();
    assertThat(
            SkipPolicy.reasonToSkip(
                List.of("@grpcroute", "@extended"),
                env(Optional.empty(), Optional.empty(), Optional.empty()),
                c))
        .hasValueSatisfying(r -> assertThat(r).contains("does not support @extended"));
  }
}
