package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Deploys the 81-cell model ({@link ModelManifests}) into a cluster under fresh names and waits
 * until its nine pods are Ready with an IP; deletes it again. One deployment per scenario (as
 * upstream creates namespaces per test), so scenarios never see each other's policies.
 */
public final class IsolationModel {

  private static final Logger LOG = Logger.getLogger(IsolationModel.class.getName());

  private final ClusterOps ops;
  private final IsolationConfig config;

  public IsolationModel(ClusterOps ops, IsolationConfig config) {
    this.ops = Objects.requireNonNull(ops, "ops");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Creates namespaces and pods under {@code names} and waits (at most {@link
   * IsolationConfig#podsReady()}) for every pod to be Ready.
   *
   * @throws IllegalStateException naming each pod that is not Ready, with its phase and reason
   */
  public DeployedModel deploy(ModelNames names) {
    for (Namespace ns : ModelManifests.namespaces(names)) {
      ops.create(ns);
    }
    List<Pod> pods = ModelManifests.pods(names, config.image());
    for (Pod pod : pods) {
      ops.create(pod);
    }
    Map<String, String> ips = new LinkedHashMap<>();
    Map<String, String> waiting = new LinkedHashMap<>();
    try {
      Awaitility.await("isolation model pods Ready (conformance.isolation.podsReady)")
          .pollInSameThread()
          .pollInterval(pollInterval())
          .atMost(config.podsReady())
          .until(() -> allReady(names, pods, ips, waiting));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "isolation model pods not Ready within "
              + config.podsReady()
              + " (conformance.isolation.podsReady): "
              + waiting,
          e);
    }
    LOG.info("isolation model ready in " + names.namespaces().values() + ": " + ips);
    return DeployedModel.of(names, ips);
  }

  /**
   * Runs a probe pod ({@link ModelManifests#probePod}) in an existing namespace and waits for it.
   * It goes away with its namespace.
   */
  public ProbeSource deployProbePod(String namespace, String name) {
    Pod pod = ModelManifests.probePod(namespace, name, config.image());
    ops.create(pod);
    String key = namespace + "/" + name;
    Map<String, String> ip = new LinkedHashMap<>();
    Map<String, String> waiting = new LinkedHashMap<>();
    try {
      Awaitility.await("probe pod " + key + " Ready (conformance.isolation.podsReady)")
          .pollInSameThread()
          .pollInterval(pollInterval())
          .atMost(config.podsReady())
          .until(() -> allReady(ModelNames.plain(), List.of(pod), ip, waiting));
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "probe pod not Ready within " + config.podsReady()
              + " (conformance.isolation.podsReady): " + waiting, e);
    }
    return new ProbeSource(key, namespace, name, ModelManifests.probeContainer(), ip.values().iterator().next());
  }

  /** Deletes the namespaces of {@code names} (and so their pods and policies); does not wait. */
  public void delete(ModelNames names) {
    for (String ns : names.namespaces().values()) {
      try {
        ops.deleteNamespace(ns);
      } catch (RuntimeException e) {
        LOG.warning("cannot delete namespace " + ns + ": " + e.getMessage());
      }
    }
  }

  private Duration pollInterval() {
    return config.pollInterval().compareTo(config.podsReady()) < 0
        ? config.pollInterval()
        : config.podsReady().dividedBy(10);
  }

  private boolean allReady(
      ModelNames names, List<Pod> pods, Map<String, String> ips, Map<String, String> waiting) {
    waiting.clear();
    for (Pod pod : pods) {
      String ns = pod.getMetadata().getNamespace();
      String name = pod.getMetadata().getName();
      String key = names.modelNamespace(ns).orElse(ns) + "/" + name; // model key, else ns/name
      Optional<PodState> state = ops.pod(ns, name);
      if (state.isEmpty()) {
        waiting.put(key, "missing");
      } else if (!state.get().ready() || state.get().ip().isEmpty()) {
        waiting.put(key, state.get().summary());
      } else {
        ips.put(key, state.get().ip().get());
      }
    }
    return waiting.isEmpty();
  }
}
