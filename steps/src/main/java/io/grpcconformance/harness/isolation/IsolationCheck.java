package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import io.grpcconformance.harness.k8s.ManifestApplier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The isolation scenarios' workloads, policies and checks. Workloads are sample Greeters labelled
 * as the source material's policies select them; every policy applied is also fed to {@link
 * ExpectedReachability}, so the expected matrix is known (and printed) before anything is probed.
 * Observing reachability means probing from inside each pod with a fresh connection
 * (ingress-netpol.md Part C); that in-pod prober is not part of this harness yet, so the
 * observation methods fail loudly instead of passing.
 */
public final class IsolationCheck {

  /** The labelled workloads in the scenario's namespace: name → pod labels. */
  public static final Map<String, Map<String, String>> WORKLOADS =
      Map.of(
          "db", Map.of("role", "db"),
          "frontend", Map.of("role", "frontend"),
          "other", Map.of("role", "other"));

  private final Environment env;
  private final String namespace;
  private final ExpectedReachability expected = new ExpectedReachability();

  public IsolationCheck(Environment env, String namespace) {
    this.env = env;
    this.namespace = namespace;
  }

  /**
   * Deploys the labelled workloads, and an unlabelled {@code client} into {@code clientNamespace}.
   */
  public void deployWorkloads(String clientNamespace) {
    WORKLOADS.forEach(
        (name, labels) ->
            env.deploy(
                SampleDeployment.of(SampleKind.GREETER, name, namespace).withLabels(labels)));
    env.deploy(SampleDeployment.of(SampleKind.GREETER, "client", clientNamespace));
  }

  /**
   * Applies the NetworkPolicies of {@code file} to the scenario's namespace and returns the
   * expected matrices on {@code ports} as text, for the scenario log.
   */
  public String applyPolicy(
      ManifestApplier applier, Path file, Map<String, String> variables, int... ports) {
    StringBuilder text = new StringBuilder();
    for (HasMetadata item : applier.applyFile(file, variables, namespace)) {
      if (item instanceof NetworkPolicy policy) {
        expected.add(policy);
        text.append("NetworkPolicy ").append(policy.getMetadata().getName()).append(" applied\n");
      }
    }
    for (int port : ports) {
      text.append("expected reachability on TCP ")
          .append(port)
          .append(" (rows: from, columns: to; . allowed, X blocked):\n")
          .append(expected.matrix(port).toTable())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Why policies cannot be observed here, if they cannot (e.g. no CNI in the local environment).
   */
  public Optional<String> enforcementMissing() {
    return env.missing(Capability.NETWORK_POLICY);
  }

  /**
   * Requires that {@code fromNamespace/from} reaches (or not) {@code to} on {@code port}: the
   * scenario's claim is checked against the engine first, then the observation is made.
   *
   * @throws AssertionError when the claim contradicts the policies
   * @throws UnsupportedOperationException for the observation, until the in-pod prober exists
   */
  public void mustReach(
      String fromNamespaceRole, String from, String to, int port, boolean reachable) {
    boolean allowed = expected.allowed(fromNamespaceRole, from, to, port);
    if (allowed != reachable) {
      throw new AssertionError(
          "the policies "
              + (allowed ? "allow " : "deny ")
              + fromNamespaceRole
              + "/"
              + from
              + " -> "
              + to
              + ":"
              + port
              + ", the scenario claims the opposite");
    }
    throw new UnsupportedOperationException(
        "observing "
            + fromNamespaceRole
            + "/"
            + from
            + " -> "
            + to
            + ":"
            + port
            + " needs the in-pod prober of the isolation work; it is not in this build");
  }

  /**
   * Compares the observed matrix on {@code port} with the expected one.
   *
   * @throws UnsupportedOperationException until the in-pod prober exists
   */
  public void mustMatchExpected(int port) {
    throw new UnsupportedOperationException(
        "observing the matrix on TCP "
            + port
            + " (expected:\n"
            + expected.matrix(port).toTable()
            + ") needs the in-pod prober of the isolation work; it is not in this build");
  }
}
