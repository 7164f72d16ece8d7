package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Proves that the CNI enforces NetworkPolicy before any result is trusted (ingress-netpol.md B.4
 * #1): applies a default-deny-ingress to namespace {@value #NAMESPACE} of the model, requires every
 * other namespace's pod {@code a} to be blocked from {@code z/a} within {@link
 * IsolationConfig#canary()}, then deletes the deny and waits for the cells to reopen. Without a
 * visible block the scenario fails with "the CNI does not enforce NetworkPolicy" instead of
 * reporting dozens of wrong cells.
 */
public final class EnforcementCanary {

  /** The canary policy's name. */
  public static final String POLICY_NAME = "conformance-canary-default-deny-ingress";

  /** The model namespace the canary isolates. */
  public static final String NAMESPACE = "z";

  /** The destination pod of the canary's cells. */
  public static final String TARGET = "z/a";

  private final ClusterOps ops;
  private final Prober prober;
  private final IsolationConfig config;
  private final LongSupplier ticker;

  public EnforcementCanary(
      ClusterOps ops, Prober prober, IsolationConfig config, LongSupplier ticker) {
    this.ops = Objects.requireNonNull(ops, "ops");
    this.prober = Objects.requireNonNull(prober, "prober");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** The model version of the canary policy: select every pod of z, allow no ingress. */
  public static NetworkPolicy policy() {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(POLICY_NAME)
        .withNamespace(NAMESPACE)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .endSpec()
        .build();
  }

  /**
   * Runs the canary on TCP {@code port} and returns how long the deny took to block every canary
   * cell.
   *
   * @throws NetworkPolicyNotEnforcedException when the deny did not block (all or some cells)
   * @throws IllegalStateException when the cells do not reopen after the deny is deleted
   */
  public Duration verify(DeployedModel model, int port) {
    List<Cell> cells = cells(model);
    NetworkPolicy deny = new PolicyMapper(model.names()).toCluster(policy());
    String clusterNs = deny.getMetadata().getNamespace();
    long start = ticker.getAsLong();
    ops.applyPolicy(deny);
    Duration blockedAfter;
    try {
      Observation last = pollUntil(model, cells, port, CellOutcome.BLOCKED, start);
      List<CellProbe> open = notIn(last, CellOutcome.BLOCKED);
      if (!open.isEmpty()) {
        throw notEnforced(open, cells.size(), clusterNs, port);
      }
      blockedAfter = Duration.ofNanos(ticker.getAsLong() - start);
    } finally {
      ops.deletePolicy(clusterNs, POLICY_NAME);
    }
    Observation reopened = pollUntil(model, cells, port, CellOutcome.CONNECTED, ticker.getAsLong());
    List<CellProbe> stillBlocked = notIn(reopened, CellOutcome.CONNECTED);
    if (!stillBlocked.isEmpty()) {
      throw new IllegalStateException(
          "the canary's default deny was deleted from "
              + clusterNs
              + " but these cells stayed closed for "
              + config.canary()
              + " (conformance.isolation.canary): "
              + describe(stillBlocked));
    }
    return blockedAfter;
  }

  /** Every other namespace's pod a to z/a. */
  static List<Cell> cells(DeployedModel model) {
    List<Cell> cells = new ArrayList<>();
    for (String key : model.keys()) {
      if (!key.startsWith(NAMESPACE + "/")) {
        cells.add(new Cell(key, TARGET));
      }
    }
    return cells;
  }

  /** Polls until every cell is {@code want} or the canary bound has passed since {@code from}. */
  private Observation pollUntil(
      DeployedModel model, List<Cell> cells, int port, CellOutcome want, long from) {
    Observation[] last = {prober.probe(model, cells, port)};
    if (notIn(last[0], want).isEmpty()) {
      return last[0];
    }
    try {
      Awaitility.await("enforcement canary: " + want + " (conformance.isolation.canary)")
          .pollInSameThread()
          .pollDelay(config.pollInterval())
          .pollInterval(config.pollInterval())
          .atMost(config.canary().plus(config.execTimeout()))
          .until(
              () -> {
                last[0] = prober.probe(model, cells, port);
                return notIn(last[0], want).isEmpty()
                    || ticker.getAsLong() - from >= config.canary().toNanos();
              });
    } catch (ConditionTimeoutException e) {
      // A poll overran the bound; the caller decides from the last observation.
    }
    return last[0];
  }

  private static List<CellProbe> notIn(Observation observation, CellOutcome want) {
    return observation.probes().values().stream().filter(p -> p.outcome() != want).toList();
  }

  private NetworkPolicyNotEnforcedException notEnforced(
      List<CellProbe> open, int total, String clusterNs, int port) {
    String what =
        open.size() == total
            ? "the CNI does not enforce NetworkPolicy"
            : "the CNI does not enforce NetworkPolicy consistently (" + (total - open.size())
                + " of " + total + " canary cells blocked)";
    return new NetworkPolicyNotEnforcedException(
        what
            + ": a default-deny-ingress in namespace "
            + NAMESPACE
            + " ("
            + clusterNs
            + ") did not block TCP "
            + port
            + " within "
            + config.canary()
            + " (conformance.isolation.canary): "
            + describe(open));
  }

  private static String describe(List<CellProbe> probes) {
    return probes.stream()
        .map(p -> p.cell() + " " + p.outcome() + " [" + p.detail() + "]")
        .collect(Collectors.joining("; "));
  }
}
