package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.DirectionVerdict;
import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.MatrixDiff;
import io.grpcconformance.netpol.Protocol;
import io.grpcconformance.netpol.ReachabilityEngine;
import io.grpcconformance.netpol.StandardModel;
import io.grpcconformance.netpol.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the isolation steps drive, one per scenario. LIVE it deploys the model in a cluster and
 * probes ({@link IsolationSession}); DRY (no CNI, e.g. the local environment) it only computes the
 * expected matrices on {@link StandardModel}'s fake IPs and logs them, so that a skipped scenario
 * still shows what it expects. In both modes the engine is the oracle: a matrix or a single cell
 * written in the feature must agree with it, so a wrong expectation fails everywhere.
 *
 * <p>Policies are written for the model (namespaces x, y, z); one without a namespace is in
 * {@value #DEFAULT_NAMESPACE}.
 */
public final class IsolationScenario implements AutoCloseable {

  /** The model namespace of policies that name none. */
  public static final String DEFAULT_NAMESPACE = "x";

  private final Optional<IsolationSession> live;
  private final Optional<String> dryReason;
  private final Consumer<String> log;
  private final PolicySet dryPolicies = new PolicySet();
  private final ModelLabels dryLabels = new ModelLabels();

  private IsolationScenario(
      Optional<IsolationSession> live, Optional<String> dryReason, Consumer<String> log) {
    this.live = live;
    this.dryReason = dryReason;
    this.log = log;
  }

  /** A scenario probing a cluster through {@code session}. */
  public static IsolationScenario live(IsolationSession session, Consumer<String> log) {
    return new IsolationScenario(Optional.of(session), Optional.empty(), log);
  }

  /** A scenario that only computes expectations, because of {@code reason} (e.g. no CNI). */
  public static IsolationScenario dry(String reason, Consumer<String> log) {
    return new IsolationScenario(Optional.empty(), Optional.of(reason), log);
  }

  /** Whether nothing is probed. */
  public boolean dry() {
    return live.isEmpty();
  }

  /** Deploys the model and proves enforcement (live); notes the reason (dry). */
  public void start() {
    if (live.isPresent()) {
      live.get().start();
    } else {
      log.accept("isolation model not deployed (" + dryReason.get() + "): expected matrices are"
          + " computed on the standard model's fake pod IPs " + StandardModel.create().pods());
    }
  }

  /** Applies policy text written for the model (see {@link PolicyText}). */
  public void apply(String source, String yaml) {
    List<NetworkPolicy> policies = PolicyText.parse(source, yaml, ips(), DEFAULT_NAMESPACE);
    if (live.isPresent()) {
      live.get().apply(policies);
    } else {
      policies.forEach(dryPolicies::put);
    }
  }

  /** Applies a policy file written for the model. */
  public void applyFile(Path file) {
    try {
      apply(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Deletes policy {@code name} of model namespace {@code namespace}. */
  public void delete(String namespace, String name) {
    if (live.isPresent()) {
      live.get().delete(namespace, name);
    } else {
      dryPolicies.remove(namespace, name);
    }
  }

  /** Adds labels to model pod {@code key} ({@code x/a}). */
  public void labelPod(String key, Map<String, String> labels) {
    StandardModel.create().pod(key).orElseThrow(() -> new IllegalArgumentException(
        "'" + key + "' is not a model pod (x/a ... z/c)"));
    if (live.isPresent()) {
      live.get().labelPod(key, labels);
    } else {
      dryLabels.pod(key, labels);
    }
  }

  /** Adds labels to model namespace {@code name}. */
  public void labelNamespace(String name, Map<String, String> labels) {
    if (!StandardModel.NAMESPACES.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a model namespace (x, y, z)");
    }
    if (live.isPresent()) {
      live.get().labelNamespace(name, labels);
    } else {
      dryLabels.namespace(name, labels);
    }
  }

  /** The matrix the engine computes for the policies and labels in force. */
  public Matrix expected(int port) {
    return live.isPresent() ? live.get().expected(port) : dryPolicies.expected(dryModel(), port);
  }

  /**
   * Requires the matrix written in the feature ({@code .} allowed, {@code X} blocked, upstream's
   * layout) to be what the engine computes, and logs it.
   *
   * @throws AssertionError with both tables and the differing cells otherwise
   */
  public void expectTable(int port, String table) {
    Matrix written = Matrix.parseTable(table);
    Matrix computed = expected(port);
    MatrixDiff diff = MatrixDiff.compare(written, computed, false);
    if (!diff.matches()) {
      throw new AssertionError("the matrix written for TCP " + port
          + " is not what the policies give (written = 'expected', engine = 'observed'):\n"
          + diff.report());
    }
    log.accept("expected on TCP " + port + " (written in the feature, confirmed by the engine):\n"
        + computed.toTable());
  }

  /**
   * Live: probes TCP {@code port} until it matches the expected matrix, then confirms (the report
   * is logged). Dry: logs the expected matrix.
   *
   * @throws AssertionError with the report when the confirming pass disagrees
   */
  public void mustMatch(int port) {
    if (live.isEmpty()) {
      log.accept("expected on TCP " + port + " (not probed: " + dryReason.get() + "):\n"
          + expected(port).toTable());
      return;
    }
    ConvergenceResult result = live.get().check(port);
    if (!result.passed()) {
      throw new AssertionError(result.report());
    }
  }

  /**
   * Requires {@code from} to reach {@code to} on TCP {@code port} ({@code allowed}) or not: first
   * per the engine (the feature must agree with the spec), then, live, per probes with polling and
   * a confirming probe.
   */
  public void mustReach(String from, String to, int port, boolean allowed) {
    Matrix expected = expected(port);
    if (expected.allowed(from, to) != allowed) {
      throw new AssertionError("the feature says " + from + (allowed ? " can" : " cannot")
          + " reach " + to + " on TCP " + port + ", but the policies in force "
          + (allowed ? "block" : "allow") + " it: " + explain(from, to, port));
    }
    if (live.isEmpty()) {
      log.accept(from + (allowed ? " can" : " cannot") + " reach " + to + " on TCP " + port
          + " per the policies (not probed: " + dryReason.get() + ")");
      return;
    }
    ConvergenceResult result = live.get().check(new Cell(from, to), port);
    if (!result.passed()) {
      throw new AssertionError(from + " -> " + to + " on TCP " + port + " should be "
          + (allowed ? "allowed" : "blocked") + ": "
          + result.confirmation().get(new Cell(from, to)).map(CellProbe::detail).orElse("?"));
    }
  }

  /** Which policies isolate and allow each direction of the cell, for a contradicted claim. */
  private String explain(String from, String to, int port) {
    ClusterModel model = live.isPresent() ? live.get().engineModel() : dryModel();
    List<NetworkPolicy> policies =
        live.isPresent() ? live.get().policies().policies() : dryPolicies.policies();
    Verdict v =
        new ReachabilityEngine(model, policies)
            .verdict(model.pod(from).orElseThrow(), model.pod(to).orElseThrow(), port, Protocol.TCP);
    return "ingress at " + to + " " + describe(v.ingress()) + "; egress at " + from + " "
        + describe(v.egress());
  }

  private static String describe(DirectionVerdict d) {
    if (!d.isolated()) {
      return "not isolated";
    }
    return "isolated by " + d.selectingPolicies() + ", allowed by "
        + (d.allowingPolicies().isEmpty() ? "none of them" : d.allowingPolicies());
  }

  private ClusterModel dryModel() {
    return dryLabels.applyTo(StandardModel.create());
  }

  private Map<String, String> ips() {
    if (live.isPresent()) {
      return live.get().ips();
    }
    Map<String, String> ips = new LinkedHashMap<>();
    StandardModel.create().pods().forEach(p -> ips.put(p.key(), p.ip()));
    return ips;
  }

  /** The live session, when there is one (for gateway checks). */
  public Optional<IsolationSession> session() {
    return live;
  }

  @Override
  public void close() {
    close(false);
  }

  /** Ends the scenario; {@code keepNamespaces} leaves a live model in place for debugging. */
  public void close(boolean keepNamespaces) {
    live.ifPresent(s -> s.close(keepNamespaces));
  }
}
