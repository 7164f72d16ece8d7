package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IsolationModelTest {

  private final FakeCluster fake = new FakeCluster();

  @Test
  void deploysThreeNamespacesAndNinePodsAndWaitsForTheirIps() {
    ModelNames names = new ModelNames("gc-", "dep01");

    DeployedModel model = new IsolationModel(fake, TestConfigs.fast()).deploy(names);

    assertThat(fake.created).filteredOn(Namespace.class::isInstance).hasSize(3);
    assertThat(fake.created).filteredOn(Pod.class::isInstance).hasSize(9);
    assertThat(model.keys()).containsExactly(
        "x/a", "x/b", "x/c", "y/a", "y/b", "y/c", "z/a", "z/b", "z/c");
    assertThat(model.pod("y/b").namespace()).isEqualTo("gc-y-dep01");
    assertThat(model.pod("y/b").ip()).isEqualTo(fake.ipOf(names, "y/b"));
    // The engine sees model names with the real IPs.
    assertThat(model.engineModel().pod("y/b").orElseThrow().ip()).isEqualTo(model.pod("y/b").ip());
    assertThat(model.engineModel().namespaceLabels("y")).containsEntry("ns", "y");
  }

  @Test
  void podsThatDoNotBecomeReadyAreNamedWithTheirReason() {
    ModelNames names = new ModelNames("gc-", "dep02");
    fake.readyAfterPolls = 0; // every other pod is Ready at the first poll
    fake.stuckPods.put("gc-y-dep02/b", "Pending cont-80-tcp: ErrImageNeverPull");
    IsolationConfig config = TestConfigs.withPodsReady(Duration.ofMillis(1500));

    assertThatThrownBy(() -> new IsolationModel(fake, config).deploy(names))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("isolation model pods not Ready within PT1.5S"
            + " (conformance.isolation.podsReady)")
        .hasMessageContaining("y/b=Pending cont-80-tcp: ErrImageNeverPull")
        .hasMessageNotContaining("x/a=");
  }

  @Test
  void deleteRemovesTheThreeNamespaces() {
    ModelNames names = new ModelNames("gc-", "dep03");
    new IsolationModel(fake, TestConfigs.fast()).delete(names);
    assertThat(fake.deletedNamespaces).containsExactly("gc-x-dep03", "gc-y-dep03", "gc-z-dep03");
  }
}
