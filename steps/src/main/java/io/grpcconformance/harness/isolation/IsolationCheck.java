package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the isolation steps of one scenario call. Where the environment enforces NetworkPolicy
 * (k3s with Calico, a kubeconfig cluster with calico-node) the 81-cell model is deployed and
 * probed from inside its pods ({@link IsolationSession}); elsewhere (the local environment) the
 * same steps compute and print the expected matrices, and "NetworkPolicy is enforced in this
 * environment" stops the scenario as skipped with the environment's reason.
 *
 * <p>The gateway checks (§5 of the isolation issue) work on the scenario's own namespace: a
 * gateway-only policy for a backend Service, a probe pod, direct calls to the Service's endpoints.
 */
public final class IsolationCheck {

  private final Environment env;
  private final String namespace;
  private final IsolationConfig config;
  private IsolationScenario scenario;
  private final Map<String, ProbeSource> probePods = new LinkedHashMap<>();
  private long gatewayPolicyApplied;

  /**
   * @param env the environment; its client and its NETWORK_POLICY capability are used
   * @param namespace the scenario's namespace (gateway checks)
   */
  public IsolationCheck(Environment env, String namespace) {
    this.env = env;
    this.namespace = namespace;
    this.config = IsolationConfig.load();
  }

  /** Why policies cannot be observed here, if they cannot (e.g. no CNI in the local environment). */
  public Optional<String> enforcementMissing() {
    return env.missing(Capability.NETWORK_POLICY);
  }

  /**
   * Starts the model: deploys it under {@code namespacePrefix}, checks that every cell is open and
   * runs the enforcement canary (live), or notes why nothing is deployed (dry). {@code cleanup}
   * receives what ends the model BEFORE anything is created, so a failed start is cleaned up too.
   *
   * @param sampleImage the image of the model pods ({@code conformance.sampleImage})
   * @param keepNamespaces leave the model's namespaces in place ({@code conformance.keepNamespaces})
   * @param log the scenario's log (reports, expected matrices)
   * @param cleanup registers the end of the model with the scenario's cleanup
   */
  public void startModel(
      String namespacePrefix,
      String sampleImage,
      boolean keepNamespaces,
      Consumer<String> log,
      Consumer<Runnable> cleanup) {
    if (scenario != null) {
      throw new IllegalStateException("the isolation model is already set up for this scenario");
    }
    Optional<String> missing = enforcementMissing();
    if (missing.isPresent()) {
      scenario = IsolationScenario.dry(missing.get(), log);
    } else {
      Fabric8ClusterOps ops = new Fabric8ClusterOps(env.client());
      IsolationSession session =
          new IsolationSession(
              ops,
              ops,
              config.withImage(sampleImage),
              ModelNames.random(namespacePrefix),
              System::nanoTime,
              log);
      scenario = IsolationScenario.live(session, log);
    }
    IsolationScenario started = scenario;
    cleanup.accept(() -> started.close(keepNamespaces));
    started.start();
  }

  /** The model scenario; {@link #startModel} first. */
  public IsolationScenario model() {
    if (scenario == null) {
      throw new IllegalStateException(
          "no isolation model in this scenario: start with \"Given the isolation model: ...\"");
    }
    return scenario;
  }

  /** Applies a policy file written for the model and returns the expected matrix on {@code port}. */
  public String applyPolicyFile(Path file, int port) {
    model().applyFile(file);
    return expectedText(port);
  }

  /** Applies policy text written for the model and returns the expected matrix on {@code port}. */
  public String applyPolicyText(String yaml, int port) {
    model().apply("scenario text", yaml);
    return expectedText(port);
  }

  private String expectedText(int port) {
    return "expected reachability on TCP " + port + " (rows: from, columns: to; . allowed,"
        + " X blocked):\n" + model().expected(port).toTable();
  }

  /** Parses {@code k=v,k2=v2}. */
  public static Map<String, String> labels(String text) {
    return IsolationConfig.labels(text);
  }

  // ---- gateway + isolation ----------------------------------------------------------------

  /**
   * Applies a NetworkPolicy in the scenario's namespace that admits only the gateway's pods ({@link
   * IsolationConfig#gatewayNamespace()}, {@link IsolationConfig#gatewayPodLabels()}) to the pods of
   * Service {@code service}, and returns it.
   */
  public NetworkPolicy admitOnlyTheGateway(String service) {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(env.client());
    NetworkPolicy policy =
        GatewayOnlyPolicy.of(
            namespace,
            service + "-gateway-only",
            ops.serviceSelector(namespace, service),
            config.gatewayNamespace(),
            config.gatewayPodLabels());
    ops.applyPolicy(policy);
    gatewayPolicyApplied = System.nanoTime();
    return policy;
  }

  /** Runs probe pod {@code name} in the scenario's namespace and waits until it is Ready. */
  public void deployProbePod(String name, String sampleImage) {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(env.client());
    probePods.put(name,
        new IsolationModel(ops, config.withImage(sampleImage)).deployProbePod(namespace, name));
  }

  /**
   * Requires direct calls (pod IP to pod IP, fresh connections) from probe pod {@code from} to the
   * endpoints behind port {@code servicePort} of Service {@code service} to connect ({@code
   * allowed}) or be blocked, polling from the last gateway policy change.
   *
   * @return the confirming probe lines, for the scenario log
   */
  public List<CellProbe> directCalls(String from, String service, int servicePort, boolean allowed) {
    Fabric8ClusterOps ops = new Fabric8ClusterOps(env.client());
    List<ServiceEndpoint> endpoints = ops.serviceEndpoints(namespace, service, servicePort);
    try (Prober prober = new Prober(ops, config, System::nanoTime)) {
      return new DirectAccess(prober, config, System::nanoTime)
          .require(probePod(from), namespace + "/" + service, endpoints, allowed,
              gatewayPolicyApplied == 0 ? System.nanoTime() : gatewayPolicyApplied);
    }
  }

  private ProbeSource probePod(String name) {
    ProbeSource pod = probePods.get(name);
    if (pod == null) {
      throw new IllegalStateException("no probe pod '" + name + "' in this scenario (declare it"
          + " with \"Given a probe pod \\\"" + name + "\\\"\"); known: " + probePods.keySet());
    }
    return pod;
  }
}
