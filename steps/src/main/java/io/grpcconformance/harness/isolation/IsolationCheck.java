package io.grpcconformance.harness.isolation;

import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import java.util.Map;

/**
 * The isolation scenarios' workloads and their reachability check. Workloads are sample Greeters
 * labelled as the source material's policies select them ({@code role=db}, {@code role=frontend},
 * an unlabelled {@code other}). Observing reachability means probing from inside each pod with a
 * fresh connection (ingress-netpol.md Part C); that prober belongs to the isolation work and is not
 * part of this harness yet, so {@link #mustMatchExpected} fails loudly instead of passing.
 */
public final class IsolationCheck {

  /** The labelled workloads: name → pod labels. */
  public static final Map<String, Map<String, String>> WORKLOADS = Map.of(
      "db", Map.of("role", "db"),
      "frontend", Map.of("role", "frontend"),
      "other", Map.of("role", "other"));

  private final Environment env;
  private final String namespace;

  public IsolationCheck(Environment env, String namespace) {
    this.env = env;
    this.namespace = namespace;
  }

  /**
   * Deploys the labelled workloads into the scenario's namespace and an unlabelled {@code client}
   * into {@code clientNamespace}.
   */
  public void deployWorkloads(String clientNamespace) {
    WORKLOADS.forEach((name, labels) ->
        env.deploy(SampleDeployment.of(SampleKind.GREETER, name, namespace).withLabels(labels)));
    env.deploy(SampleDeployment.of(SampleKind.GREETER, "client", clientNamespace));
  }

  /**
   * Probes from a pod of {@code from} (in {@code fromNamespace}) to {@code to} on {@code port} with
   * a fresh connection and requires the outcome {@code reachable}.
   *
   * @throws UnsupportedOperationException always, until the in-pod prober is available
   */
  public void mustReach(String fromNamespace, String from, String to, int port, boolean reachable) {
    throw new UnsupportedOperationException("probing " + fromNamespace + "/" + from + " -> " + to + ":" + port
        + " needs the in-pod prober of the isolation work (io.grpcconformance.netpol); it is not in this build");
  }

  /**
   * Compares the observed reachability on {@code port} with the matrix the policies imply.
   *
   * @throws UnsupportedOperationException always, until the in-pod prober is available
   */
  public void mustMatchExpected(int port) {
    throw new UnsupportedOperationException("observing reachability on TCP " + port + " needs the in-pod"
        + " prober of the isolation work (io.grpcconformance.netpol); it is not in this build");
  }
}
