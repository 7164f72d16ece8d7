package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.StandardModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One scenario's isolation check in a cluster, in the order of ingress-netpol.md Part C: deploy the
 * model under fresh names, wait for every cell to be open before any policy (on every model port),
 * prove enforcement with the canary, then apply the scenario's policies and check matrices, each
 * with polling and a confirming pass. Reports go to {@code log} (the scenario's attachment).
 *
 * <p>Not thread-safe: one scenario drives it.
 */
public final class IsolationSession implements AutoCloseable {

  private final ClusterOps ops;
  private final IsolationConfig config;
  private final ModelNames names;
  private final LongSupplier ticker;
  private final Consumer<String> log;
  private final Prober prober;
  private final PolicySet policies = new PolicySet();
  private final ModelLabels labels = new ModelLabels();
  private DeployedModel model;
  private long lastChange;

  /**
   * @param ops cluster operations (create, readiness, policies, namespaces)
   * @param exec runs probes inside pods
   * @param names the names to deploy the model under (fresh per scenario)
   * @param ticker nanosecond clock ({@code System::nanoTime})
   * @param log receives the reports
   */
  public IsolationSession(
      ClusterOps ops,
      PodExec exec,
      IsolationConfig config,
      ModelNames names,
      LongSupplier ticker,
      Consumer<String> log) {
    this.ops = Objects.requireNonNull(ops, "ops");
    this.config = Objects.requireNonNull(config, "config");
    this.names = Objects.requireNonNull(names, "names");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.log = Objects.requireNonNull(log, "log");
    this.prober = new Prober(exec, config, ticker);
  }

  /**
   * Deploys the model, checks the open baseline on every model port and runs the canary.
   *
   * @throws IllegalStateException when pods do not become Ready or the baseline is not all open
   * @throws NetworkPolicyNotEnforcedException when the canary's deny does not block
   */
  public DeployedModel start() {
    model = new IsolationModel(ops, config).deploy(names);
    log.accept("isolation model: " + names.namespaces() + ", pod IPs " + model.ips());
    ConvergingProbe converging = new ConvergingProbe(prober, config, ticker);
    Matrix open = Matrix.builder(model.keys(), true).build();
    for (int port : StandardModel.PORTS) {
      ConvergenceResult baseline =
          converging.converge(model, open, port, ticker.getAsLong(), config.baseline());
      if (!baseline.passed()) {
        throw new IllegalStateException(
            "before any policy, all cells must be open, but on TCP "
                + port
                + " they are not within "
                + config.baseline()
                + " (conformance.isolation.baseline): the model pods cannot reach each other, which"
                + " no policy explains\n"
                + baseline.report());
      }
    }
    Duration canary =
        new EnforcementCanary(ops, prober, config, ticker).verify(model, StandardModel.PORTS.get(0));
    log.accept(
        "enforcement canary: a default deny in "
            + names.namespace(EnforcementCanary.NAMESPACE)
            + " blocked after "
            + IsolationReport.seconds(canary)
            + " s and was removed");
    return model;
  }

  /** The deployed model; {@link #start()} first. */
  public DeployedModel model() {
    if (model == null) {
      throw new IllegalStateException("the isolation model is not deployed yet");
    }
    return model;
  }

  /** Model pod key → IP, for {@code ${ip:x/a}} in policy text. */
  public Map<String, String> ips() {
    return model().ips();
  }

  /** Applies policies written for the model (namespace x, y or z) and starts the change clock. */
  public void apply(List<NetworkPolicy> modelPolicies) {
    PolicyMapper mapper = new PolicyMapper(model().names());
    for (NetworkPolicy policy : modelPolicies) {
      ops.applyPolicy(mapper.toCluster(policy));
      policies.put(policy);
    }
    lastChange = ticker.getAsLong();
  }

  /** Deletes policy {@code name} of model namespace {@code namespace}; starts the change clock. */
  public void delete(String namespace, String name) {
    policies.remove(namespace, name);
    ops.deletePolicy(model().names().namespace(namespace), name);
    lastChange = ticker.getAsLong();
  }

  /** Adds labels to model pod {@code key} ({@code x/a}); starts the change clock. */
  public void labelPod(String key, Map<String, String> added) {
    labels.pod(key, added);
    ProbeSource pod = model().pod(key);
    ops.labelPod(pod.namespace(), pod.pod(), added);
    lastChange = ticker.getAsLong();
  }

  /** Adds labels to model namespace {@code name} ({@code y}); starts the change clock. */
  public void labelNamespace(String name, Map<String, String> added) {
    labels.namespace(name, added);
    ops.labelNamespace(model().names().namespace(name), added);
    lastChange = ticker.getAsLong();
  }

  /** The policies in force, as written for the model. */
  public PolicySet policies() {
    return policies;
  }

  /** The engine's view of the deployment: model names, real IPs, the labels added so far. */
  public ClusterModel engineModel() {
    return labels.applyTo(model().engineModel());
  }

  /** The matrix the engine computes for the policies in force on TCP {@code port}. */
  public Matrix expected(int port) {
    return policies.expected(engineModel(), port);
  }

  /**
   * Checks TCP {@code port} against the expected matrix (polling, then a confirming pass) and logs
   * the report. The caller decides what a failed result means.
   */
  public ConvergenceResult check(int port) {
    ConvergenceResult result =
        new ConvergingProbe(prober, config, ticker).converge(model(), expected(port), port, lastChange);
    log.accept(result.report());
    return result;
  }

  /** {@link #check(int)} for one cell only (the others are neither probed nor compared). */
  public ConvergenceResult check(Cell cell, int port) {
    ConvergenceResult result =
        new ConvergingProbe(prober, config, ticker)
            .converge(model(), expected(port), port, lastChange, config.cellConvergence(), List.of(cell));
    log.accept(
        cell + " on TCP " + port + ": " + (result.passed() ? "as expected" : "NOT as expected")
            + " [" + result.confirmation().get(cell).map(CellProbe::detail).orElse("not probed") + "]"
            + result.convergenceOf(cell).map(d -> ", matched after " + IsolationReport.seconds(d) + " s").orElse(""));
    return result;
  }

  /** The prober, for probes outside the matrix (e.g. to a Service's endpoints). */
  public Prober prober() {
    return prober;
  }

  /** Deletes the model's namespaces (with their policies) and stops the prober. */
  @Override
  public void close() {
    close(false);
  }

  /**
   * Stops the prober and, unless {@code keepNamespaces} (debugging), deletes the model's
   * namespaces. Also after a failed start: the namespaces may exist though the pods never became
   * Ready.
   */
  public void close(boolean keepNamespaces) {
    try {
      if (keepNamespaces) {
        log.accept("keeping the isolation model in " + names.namespaces().values());
      } else {
        new IsolationModel(ops, config).delete(names);
      }
    } finally {
      prober.close();
    }
  }
}
