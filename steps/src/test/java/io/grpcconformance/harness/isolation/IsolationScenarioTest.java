package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step-facing facade, dry (expectations only) and live against the fake cluster. */
class IsolationScenarioTest {

  private static final String AND_TABLE =
      """
      -   x/a x/b x/c y/a y/b y/c z/a z/b z/c
      x/a X   .   .   .   .   .   .   .   .
      x/b X   .   .   .   .   .   .   .   .
      x/c X   .   .   .   .   .   .   .   .
      y/a X   .   .   .   .   .   .   .   .
      y/b .   .   .   .   .   .   .   .   .
      y/c X   .   .   .   .   .   .   .   .
      z/a X   .   .   .   .   .   .   .   .
      z/b X   .   .   .   .   .   .   .   .
      z/c X   .   .   .   .   .   .   .   .
      """;

  private final List<String> log = new ArrayList<>();
  private final FakeCluster fake = new FakeCluster();
  private IsolationScenario scenario;

  @TempDir Path dir;

  @AfterEach
  void close() {
    if (scenario != null) {
      scenario.close();
    }
  }

  private IsolationScenario live() {
    IsolationSession session = new IsolationSession(
        fake, fake, TestConfigs.fast(), new ModelNames("gc-", "scn01"), fake::ticker, log::add);
    scenario = IsolationScenario.live(session, log::add);
    return scenario;
  }

  @Test
  void dryScenariosLogTheExpectedMatrixInsteadOfProbing() {
    scenario = IsolationScenario.dry("no CNI in the local environment", log::add);
    scenario.start();
    scenario.apply("scenario text", ModelPolicies.DENY_INGRESS_X);

    scenario.mustMatch(80);
    scenario.mustReach("y/a", "x/b", 80, false);

    assertThat(scenario.dry()).isTrue();
    assertThat(log.get(0)).startsWith("isolation model not deployed (no CNI in the local environment)");
    assertThat(log.get(1))
        .startsWith("expected on TCP 80 (not probed: no CNI in the local environment):")
        .contains("y/a X   X   X   .");
    assertThat(log.get(2)).isEqualTo(
        "y/a cannot reach x/b on TCP 80 per the policies (not probed: no CNI in the local environment)");
    assertThat(fake.execs).isEmpty();
  }

  @Test
  void aWrittenTableMustBeWhatTheEngineComputes() {
    scenario = IsolationScenario.dry("no CNI", log::add);
    scenario.apply("and", ModelPolicies.AND_PEER);

    scenario.expectTable(80, AND_TABLE);
    assertThat(log).anySatisfy(l -> assertThat(l).startsWith("expected on TCP 80 (written in the"
        + " feature, confirmed by the engine)"));

    String wrong = AND_TABLE.replace("y/a X ", "y/a . ");
    assertThatThrownBy(() -> scenario.expectTable(80, wrong))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the matrix written for TCP 80 is not what the policies give")
        .hasMessageContaining("y/a -> x/a: expected allowed, observed blocked");
  }

  @Test
  void aCellClaimThatContradictsThePoliciesFailsEvenWithoutACluster() {
    scenario = IsolationScenario.dry("no CNI", log::add);
    scenario.apply("deny", ModelPolicies.DENY_INGRESS_X);

    assertThatThrownBy(() -> scenario.mustReach("y/a", "x/b", 80, true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the feature says y/a can reach x/b on TCP 80, but the policies in"
            + " force block it: ingress at x/b isolated by [x/deny-ingress], allowed by none of"
            + " them; egress at y/a not isolated");
  }

  @Test
  void labelsChangeTheExpectationAndTheModelLabelsAreProtected() {
    scenario = IsolationScenario.dry("no CNI", log::add);
    scenario.apply("from team blue",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-team-blue
        spec:
          podSelector: {}
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  team: blue
        """);
    assertThat(scenario.expected(80).allowed("z/a", "x/a")).isFalse();

    scenario.labelNamespace("z", Map.of("team", "blue"));

    assertThat(scenario.expected(80).allowed("z/a", "x/a")).isTrue();
    assertThat(scenario.expected(80).allowed("y/a", "x/a")).isFalse();
    assertThatThrownBy(() -> scenario.labelPod("x/a", Map.of("pod", "b")))
        .hasMessageContaining("label pod belongs to the model");
    assertThatThrownBy(() -> scenario.labelPod("q/a", Map.of("role", "db")))
        .hasMessageContaining("'q/a' is not a model pod");
  }

  @Test
  void liveScenariosProbeTheClusterAndFailWithTheReport() {
    live().start();
    scenario.apply("and", ModelPolicies.AND_PEER);

    scenario.expectTable(80, AND_TABLE);
    scenario.mustMatch(80);
    scenario.mustReach("y/b", "x/a", 80, true);
    scenario.mustReach("y/a", "x/a", 80, false);

    fake.enforcing = false;
    scenario.delete("x", "and-peer");
    scenario.apply("deny", ModelPolicies.DENY_INGRESS_X);
    assertThatThrownBy(() -> scenario.mustMatch(80))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("observed DIFFERS from expected");
    assertThatThrownBy(() -> scenario.mustReach("y/a", "x/b", 80, false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("y/a -> x/b on TCP 80 should be blocked: PROBE");
  }

  @Test
  void liveLabelsReachTheClusterObjects() {
    live().start();
    scenario.apply("from team blue",
        """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: from-team-blue
        spec:
          podSelector:
            matchLabels:
              role: db
          ingress:
          - from:
            - namespaceSelector:
                matchLabels:
                  team: blue
        """);
    scenario.labelPod("x/a", Map.of("role", "db"));
    scenario.labelNamespace("z", Map.of("team", "blue"));

    scenario.mustMatch(80);
    scenario.mustReach("z/c", "x/a", 80, true);
    scenario.mustReach("y/c", "x/a", 80, false);
  }

  @Test
  void policyFilesWithoutANamespaceGoToX() throws Exception {
    Path file = dir.resolve("deny.yaml");
    Files.writeString(file, ModelPolicies.DENY_INGRESS_X.replace("  namespace: x\n", ""));
    scenario = IsolationScenario.dry("no CNI", log::add);

    scenario.applyFile(file);

    assertThat(scenario.expected(80).allowed("y/a", "x/a")).isFalse();
    assertThatThrownBy(() -> scenario.applyFile(dir.resolve("missing.yaml")))
        .hasMessageContaining("missing.yaml: cannot read");
  }
}
