package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits, stage by stage, until a cluster is usable: API server, Nodes Ready, calico-node, CoreDNS, the default
 * ServiceAccount, CRDs Established. Each stage prints one progress line and has a named timeout
 * ({@link ClusterTimeouts}); a stage that times out fails with what it last saw.
 */
public final class ClusterReadiness {
  private final KubernetesClient client;
  private final ClusterTimeouts timeouts;
  private final Consumer<String> progress;

  /**
   * @param progress receives one line per stage (started, then ready with the time taken)
   */
  public ClusterReadiness(KubernetesClient client, ClusterTimeouts timeouts, Consumer<String> progress) {
    this.client = client;
    this.timeouts = timeouts;
    this.progress = progress;
  }

  /** The API server answers (listing namespaces succeeds). */
  public void awaitApi() {
    stage("API server", "apiReady", timeouts.apiReady(), () -> {
      client.namespaces().list();
      return null;
    });
  }

  /** At least one Node exists and every Node is Ready (true only once the CNI wrote its config). */
  public void awaitNodesReady() {
    stage("nodes Ready", "nodeReady", timeouts.nodeReady(), () -> {
      List<Node> nodes = client.nodes().list().getItems();
      if (nodes.isEmpty()) {
        return "no nodes registered";
      }
      List<String> notReady = nodes.stream().filter(n -> !isReady(n)).map(n -> n.getMetadata().getName()).toList();
      return notReady.isEmpty() ? null : "not Ready: " + String.join(", ", notReady);
    });
  }

  /** calico-node (kube-system) is scheduled and ready on every node. */
  public void awaitCalicoNode() {
    awaitDaemonSet("kube-system", "calico-node", "calicoReady", timeouts.calicoReady());
  }

  /** CoreDNS (kube-system/coredns) is available. */
  public void awaitCoreDns() {
    awaitDeployment("kube-system", "coredns", "corednsReady", timeouts.corednsReady());
  }

  /** A DaemonSet has every desired pod ready. */
  public void awaitDaemonSet(String namespace, String name, String timeoutName, Duration timeout) {
    stage("DaemonSet " + namespace + "/" + name, timeoutName, timeout, () -> {
      DaemonSet ds = client.apps().daemonSets().inNamespace(namespace).withName(name).get();
      if (ds == null) {
        return "not found";
      }
      if (ds.getStatus() == null || ds.getStatus().getDesiredNumberScheduled() == null
          || ds.getStatus().getDesiredNumberScheduled() == 0) {
        return "no pods scheduled yet";
      }
      int desired = ds.getStatus().getDesiredNumberScheduled();
      int ready = ds.getStatus().getNumberReady() == null ? 0 : ds.getStatus().getNumberReady();
      return ready >= desired ? null : ready + "/" + desired + " pods ready";
    });
  }

  /** A Deployment has as many available replicas as it wants (at least one). */
  public void awaitDeployment(String namespace, String name, String timeoutName, Duration timeout) {
    stage("Deployment " + namespace + "/" + name, timeoutName, timeout, () -> {
      Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
      if (d == null) {
        return "not found";
      }
      int wanted = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : Math.max(1, d.getSpec().getReplicas());
      int available = d.getStatus() == null || d.getStatus().getAvailableReplicas() == null
          ? 0 : d.getStatus().getAvailableReplicas();
      return available >= wanted ? null : available + "/" + wanted + " replicas available";
    });
  }

  /** The namespace's {@code default} ServiceAccount exists (pods cannot be created before it). */
  public void awaitDefaultServiceAccount(String namespace) {
    stage("ServiceAccount " + namespace + "/default", "serviceAccount", timeouts.serviceAccount(),
        () -> client.serviceAccounts().inNamespace(namespace).withName("default").get() == null ? "not found" : null);
  }

  /** Every named CRD has condition Established=True. */
  public void awaitCrdsEstablished(List<String> names) {
    stage("CRDs Established", "crdsEstablished", timeouts.crdsEstablished(), () -> {
      List<String> pending = names.stream().filter(n -> !established(n)).toList();
      return pending.isEmpty() ? null : "not Established: " + String.join(", ", pending);
    });
  }

  /** The k3s stages after Calico was applied: nodes, calico-node, CoreDNS, default ServiceAccount. */
  public void awaitCalicoCluster() {
    awaitNodesReady();
    awaitCalicoNode();
    awaitCoreDns();
    awaitDefaultServiceAccount("default");
  }

  private boolean established(String crd) {
    CustomResourceDefinition def = client.apiextensions().v1().customResourceDefinitions().withName(crd).get();
    return def != null && def.getStatus() != null && def.getStatus().getConditions() != null
        && def.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean isReady(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return false;
    }
    for (NodeCondition c : node.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }

  /**
   * Polls {@code pending} until it returns null (ready); it returns what is missing otherwise. Exceptions count
   * as "not yet" (the API server may still be starting). On timeout the message gives the last real observation,
   * or the last error when nothing was ever observed.
   */
  private void stage(String what, String timeoutName, Duration timeout, Supplier<String> pending) {
    long start = System.nanoTime();
    progress.accept("cluster: waiting for " + what + " (timeout " + timeoutName + "=" + timeout + ")");
    AtomicReference<String> observed = new AtomicReference<>();
    AtomicReference<String> error = new AtomicReference<>("not checked yet");
    try {
      Awaitility.await(what)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(timeouts.clusterPollInterval())
          .until(() -> {
            try {
              String state = pending.get();
              observed.set(state);
              return state == null;
            } catch (RuntimeException e) {
              error.set(e.getClass().getSimpleName() + ": " + e.getMessage());
              return false;
            }
          });
    } catch (ConditionTimeoutException e) {
      String last = observed.get() != null ? observed.get() : error.get();
      throw new ClusterNotReadyException(what + " not ready within " + timeout + " (conformance.timeouts."
          + timeoutName + "): " + last, e);
    }
    progress.accept(String.format("cluster: %s ready after %.1f s", what, (System.nanoTime() - start) / 1e9));
  }
}
