package io.grpcconformance.harness.isolation;

import static io.grpcconformance.harness.isolation.Deployments.NAMES;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.netpol.Matrix;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Poll-until-match then a confirming pass, against a fake cluster with programming delay. */
class ConvergingProbeTest {

  private final FakeCluster fake = new FakeCluster();
  private final IsolationConfig config = TestConfigs.fast();
  private DeployedModel model;
  private Prober prober;
  private ConvergingProbe converging;
  private final PolicySet policies = new PolicySet();

  @BeforeEach
  void deploy() {
    model = Deployments.deploy(fake, config);
    prober = new Prober(fake, config, fake::ticker);
    converging = new ConvergingProbe(prober, config, fake::ticker);
  }

  private long apply(String yaml) {
    for (NetworkPolicy p : ModelPolicies.parse(yaml, model.ips())) {
      fake.applyPolicy(new PolicyMapper(NAMES).toCluster(p));
      policies.put(p);
    }
    return fake.ticker();
  }

  private Matrix expected(int port) {
    return policies.expected(model.engineModel(), port);
  }

  @Test
  void cellsThatLagConvergeAndTheirTimesAreRecorded() {
    fake.policyLag = 12; // the deny takes effect after 12 more execs: more than one full pass
    long changed = apply(ModelPolicies.DENY_INGRESS_X);

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    assertThat(r.passed()).as(r.report()).isTrue();
    assertThat(r.rounds()).isGreaterThan(2);
    Cell intoX = new Cell("y/a", "x/b");
    Cell elsewhere = new Cell("y/a", "z/b");
    assertThat(r.firstPass().get(intoX).orElseThrow().outcome()).isEqualTo(CellOutcome.CONNECTED);
    assertThat(r.convergenceOf(intoX).orElseThrow())
        .isGreaterThan(r.convergenceOf(elsewhere).orElseThrow());
    assertThat(r.convergence()).hasSize(72); // every non-loopback cell converged
    assertThat(r.report()).contains("observed matches expected", "slowest cell: ");
  }

  @Test
  void aCellThatNeverMatchesFailsWithTheTablesAndNoConvergenceTime() {
    long changed = apply(ModelPolicies.DENY_INGRESS_X);
    fake.enforcing = false; // stored, never enforced

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    assertThat(r.passed()).isFalse();
    assertThat(r.diff().incorrect()).isEqualTo(24); // 8 sources x 3 pods of x, minus loopback
    assertThat(r.convergenceOf(new Cell("z/c", "x/a"))).isEmpty();
    assertThat(r.convergenceOf(new Cell("z/c", "y/a"))).isPresent();
    String report = r.report();
    assertThat(report)
        .contains("observed DIFFERS from expected")
        .contains("reachability: correct:48, incorrect:24, ignored:9, check-failed:0")
        .contains("z/c -> x/a: expected blocked, observed allowed")
        .contains("tcp=ok grpc=SERVING")
        .contains(">");
  }

  @Test
  void theConfirmingPassDecidesEvenAfterACellMatched() {
    long changed = apply(ModelPolicies.DENY_INGRESS_X);
    // z/a -> y/a matches in the first pass, then the path breaks: only the confirmation sees it.
    fake.script(NAMES, "z/a", "y/a", true, false, false);

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    assertThat(r.convergenceOf(new Cell("z/a", "y/a"))).isPresent();
    assertThat(r.passed()).isFalse();
    assertThat(r.diff().mismatches()).singleElement()
        .hasToString("z/a -> y/a: expected allowed, observed blocked");
  }

  @Test
  void aStaleOpenPathIsPolledUntilItCloses() {
    long changed = apply(ModelPolicies.DENY_INGRESS_X);
    // An old connection lets y/b through twice (Calico keeps established flows), then not.
    fake.script(NAMES, "y/b", "x/c", true, true);

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    assertThat(r.passed()).as(r.report()).isTrue();
    assertThat(r.convergenceOf(new Cell("y/b", "x/c")).orElseThrow())
        .isGreaterThan(r.convergenceOf(new Cell("y/b", "x/b")).orElseThrow());
  }

  @Test
  void aFailedHealthCheckIsNeitherAllowedNorBlocked() {
    long changed = apply(ModelPolicies.DENY_INGRESS_X);
    fake.unhealthy(NAMES, "z/a", "y/b");

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    assertThat(r.passed()).isFalse();
    assertThat(r.checkFailed()).singleElement()
        .satisfies(p -> assertThat(p.detail()).contains("tcp=ok grpc=UNAVAILABLE"));
    assertThat(r.confirmation().toTable()).contains("!");
    assertThat(r.report()).contains("z/a -> y/b: check failed: PROBE");
  }

  @Test
  void loopbackCellsAreNotProbedWhenIgnored() {
    long changed = apply(ModelPolicies.DENY_INGRESS_X);

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    assertThat(r.confirmation().get(new Cell("x/a", "x/a"))).isEmpty();
    assertThat(r.diff().ignored()).isEqualTo(9);
    assertThat(fake.execs).allSatisfy(c -> assertThat(c).contains("--target"));
  }

  @Test
  void boundsAreMeasuredFromTheChange() {
    long changed = apply(ModelPolicies.DENY_INGRESS_X);
    fake.enforcing = false;
    fake.clock.addAndGet(Duration.ofSeconds(10).toNanos()); // the bound passed before probing

    ConvergenceResult r = converging.converge(model, expected(80), 80, changed);

    // First pass and confirmation only: no polling once the bound is over.
    assertThat(r.rounds()).isEqualTo(2);
  }
}
