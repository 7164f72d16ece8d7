package io.grpcconformance.harness.isolation;

import static io.grpcconformance.harness.isolation.Deployments.NAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnforcementCanaryTest {

  private final FakeCluster fake = new FakeCluster();
  private final IsolationConfig config = TestConfigs.fast();
  private DeployedModel model;
  private EnforcementCanary canary;

  @BeforeEach
  void deploy() {
    model = Deployments.deploy(fake, config);
    canary = new EnforcementCanary(fake, new Prober(fake, config, fake::ticker), config, fake::ticker);
  }

  @Test
  void anEnforcingCniBlocksTheCanaryAndTheDenyIsRemovedAfterwards() {
    fake.policyLag = 8;

    Duration blockedAfter = canary.verify(model, 80);

    assertThat(blockedAfter).isPositive();
    assertThat(fake.policies()).isEmpty();
    // The deny went to the deployment's z namespace, under the canary's name.
    assertThat(fake.execs).isNotEmpty();
    assertThat(EnforcementCanary.cells(model)).hasSize(6)
        .allSatisfy(c -> assertThat(c.to()).isEqualTo("z/a"));
  }

  @Test
  void aCniThatIgnoresPoliciesFailsWithTheCanaryMessage() {
    fake.enforcing = false;

    assertThatThrownBy(() -> canary.verify(model, 80))
        .isInstanceOf(NetworkPolicyNotEnforcedException.class)
        .hasMessageStartingWith("the CNI does not enforce NetworkPolicy: a default-deny-ingress in"
            + " namespace z (" + NAMES.namespace("z") + ") did not block TCP 80 within PT3S")
        .hasMessageContaining("x/a -> z/a CONNECTED [PROBE ");
    assertThat(fake.policies()).as("the canary's deny is removed even when it fails").isEmpty();
  }

  @Test
  void partialEnforcementIsNamedAsSuch() {
    Boolean[] alwaysOpen = new Boolean[200];
    java.util.Arrays.fill(alwaysOpen, true);
    fake.script(NAMES, "y/c", "z/a", alwaysOpen);

    assertThatThrownBy(() -> canary.verify(model, 80))
        .isInstanceOf(NetworkPolicyNotEnforcedException.class)
        .hasMessageContaining("does not enforce NetworkPolicy consistently (5 of 6 canary cells blocked)")
        .hasMessageContaining("y/c -> z/a CONNECTED");
  }

  @Test
  void cellsThatStayClosedAfterTheDenyIsDeletedAreReported() {
    fake.breakPath(NAMES, "x/b", "z/a");

    assertThatThrownBy(() -> canary.verify(model, 80))
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(NetworkPolicyNotEnforcedException.class)
        .hasMessageContaining("the canary's default deny was deleted from " + NAMES.namespace("z"))
        .hasMessageContaining("x/b -> z/a BLOCKED");
  }
}
