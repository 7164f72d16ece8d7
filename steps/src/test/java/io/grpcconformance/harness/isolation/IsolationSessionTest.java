package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpcconformance.netpol.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole scenario against the fake cluster, which enforces the CLUSTER policies the session
 * applies while the session expects from the MODEL policies: any mistranslation shows as a wrong
 * cell.
 */
class IsolationSessionTest {

  private static final ModelNames NAMES = new ModelNames("gc-", "ses01");

  private final FakeCluster fake = new FakeCluster();
  private final List<String> log = new ArrayList<>();
  private final IsolationSession session =
      new IsolationSession(fake, fake, TestConfigs.fast(), NAMES, fake::ticker, log::add);

  @AfterEach
  void close() {
    session.close();
  }

  private ConvergenceResult applyAndCheck(String yaml, int port) {
    session.apply(ModelPolicies.parse(yaml, session.ips()));
    return session.check(port);
  }

  @Test
  void startDeploysChecksTheOpenBaselineAndRunsTheCanary() {
    fake.policyLag = 5;
    session.start();

    assertThat(log).anySatisfy(l -> assertThat(l).startsWith("isolation model: {x=gc-x-ses01"));
    assertThat(log).anySatisfy(l -> assertThat(l)
        .startsWith("enforcement canary: a default deny in gc-z-ses01 blocked after"));
    assertThat(fake.policies()).isEmpty();
  }

  @Test
  void aDefaultDenyThenItsDeletionMatchTheEngine() {
    session.start();

    ConvergenceResult denied = applyAndCheck(ModelPolicies.DENY_INGRESS_X, 80);
    assertThat(denied.passed()).as(denied.report()).isTrue();
    assertThat(denied.expected().allowed("y/a", "x/a")).isFalse();
    assertThat(fake.policies()).containsOnlyKeys("gc-x-ses01/deny-ingress");

    session.delete("x", "deny-ingress");
    ConvergenceResult open = session.check(80);
    assertThat(open.passed()).as(open.report()).isTrue();
    assertThat(open.expected()).isEqualTo(Matrix.builder(open.expected().pods(), true).build());
    assertThat(log).anySatisfy(l -> assertThat(l).startsWith("TCP 80: observed matches expected"));
  }

  @Test
  void andVersusOrPeersWithMetadataNameSelectorsAreTranslatedFaithfully() {
    session.start();

    ConvergenceResult and = applyAndCheck(ModelPolicies.AND_PEER, 80);
    assertThat(and.passed()).as(and.report()).isTrue();
    assertThat(and.expected().allowed("y/b", "x/a")).isTrue();
    assertThat(and.expected().allowed("y/a", "x/a")).isFalse();
    assertThat(and.expected().allowed("x/b", "x/a")).isFalse();

    session.delete("x", "and-peer");
    ConvergenceResult or = applyAndCheck(ModelPolicies.OR_PEERS, 80);
    assertThat(or.passed()).as(or.report()).isTrue();
    assertThat(or.expected().allowed("y/a", "x/a")).isTrue();
    assertThat(or.expected().allowed("x/b", "x/a")).isTrue();
    assertThat(or.expected().allowed("z/b", "x/a")).isFalse();
  }

  @Test
  void anIpBlockNamingAPodByItsDeployedIpAndANamedPort() {
    session.start();
    session.apply(ModelPolicies.parse(ModelPolicies.IP_BLOCK_PORT_81, session.ips()));

    ConvergenceResult port81 = session.check(81);
    ConvergenceResult port80 = session.check(80);

    assertThat(port81.passed()).as(port81.report()).isTrue();
    assertThat(port80.passed()).as(port80.report()).isTrue();
    assertThat(port81.expected().allowed("x/a", "y/c")).isTrue();
    assertThat(port81.expected().allowed("x/b", "y/c")).isFalse();
    assertThat(port80.expected().allowed("x/a", "y/c")).isFalse();
  }

  @Test
  void aCniThatIgnoresPoliciesStopsTheScenarioAtTheCanary() {
    fake.enforcing = false;

    assertThatThrownBy(session::start)
        .isInstanceOf(NetworkPolicyNotEnforcedException.class)
        .hasMessageStartingWith("the CNI does not enforce NetworkPolicy");
    session.close();
    assertThat(fake.deletedNamespaces).contains("gc-x-ses01", "gc-y-ses01", "gc-z-ses01");
  }

  @Test
  void aBrokenPathBeforeAnyPolicyFailsTheBaseline() {
    fake.breakPath(NAMES, "x/c", "y/a");

    assertThatThrownBy(session::start)
        .hasMessageContaining("before any policy, all cells must be open, but on TCP 80")
        .hasMessageContaining("x/c -> y/a: expected allowed, observed blocked");
  }

  @Test
  void aPolicyTheCniStopsEnforcingFailsTheCheckWithTheReport() {
    session.start();
    fake.enforcing = false;

    ConvergenceResult r = applyAndCheck(ModelPolicies.DENY_INGRESS_X, 80);

    assertThat(r.passed()).isFalse();
    assertThat(log.get(log.size() - 1)).contains("observed DIFFERS from expected", "comparison");
  }
}
