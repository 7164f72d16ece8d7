package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.env.SampleDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs a sample service in a real cluster: applies the rendered Deployment and Service ({@link Apply}, so a
 * re-run converges) and waits until the Service has as many ready endpoints as replicas, which is what a
 * gateway needs. A timeout names the pods' waiting reasons (ErrImageNeverPull, ImagePullBackOff, ...).
 */
public final class SampleDeployer {

  private final KubernetesClient client;
  private final SampleServiceTemplates templates;
  private final Duration timeout;
  private final Duration pollInterval;

  /**
   * @param timeout the suite's {@code podsMustBeReady}
   * @param pollInterval the suite's {@code pollInterval}
   */
  public SampleDeployer(KubernetesClient client, SampleServiceTemplates templates, Duration timeout,
      Duration pollInterval) {
    this.client = client;
    this.templates = templates;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
  }

  /** Applies and waits; throws IllegalStateException naming the deployment and what its pods wait for. */
  public void deploy(SampleDeployment wanted) {
    SampleServiceTemplates.Rendered rendered = templates.render(wanted);
    Apply.createOrApply(client, rendered.deployment());
    Apply.createOrApply(client, rendered.service());
    try {
      Awaitility.await("sample " + wanted.namespace() + "/" + wanted.name())
          .atMost(timeout)
          .pollInterval(pollInterval)
          .ignoreExceptions()
          .until(() -> readyEndpoints(wanted.namespace(), wanted.name()) >= wanted.replicas());
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("sample service " + wanted.namespace() + "/" + wanted.name() + " has "
          + readyEndpoints(wanted.namespace(), wanted.name()) + "/" + wanted.replicas() + " ready endpoints after "
          + timeout + " (conformance.timeouts.podsMustBeReady)" + podProblems(wanted), e);
    }
  }

  private int readyEndpoints(String namespace, String service) {
    List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(namespace)
        .withLabel("kubernetes.io/service-name", service).list().getItems();
    int ready = 0;
    for (EndpointSlice slice : slices) {
      for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
        if (endpoint.getConditions() != null && Boolean.TRUE.equals(endpoint.getConditions().getReady())) {
          ready++;
        }
      }
    }
    return ready;
  }

  /** ": pod x waiting: ErrImageNeverPull (...) (fix: lab/load-images.sh ...)" or "" when nothing is known. */
  private String podProblems(SampleDeployment wanted) {
    try {
      Deployment deployment = client.apps().deployments().inNamespace(wanted.namespace()).withName(wanted.name()).get();
      Map<String, String> selector = deployment == null ? Map.of("app", wanted.name())
          : deployment.getSpec().getSelector().getMatchLabels();
      List<Pod> pods = client.pods().inNamespace(wanted.namespace()).withLabels(selector).list().getItems();
      String waiting = pods.stream().flatMap(p -> statuses(p).stream()
              .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
              .map(s -> p.getMetadata().getName() + " waiting: " + describe(s.getState().getWaiting())))
          .collect(Collectors.joining("; "));
      if (waiting.isEmpty()) {
        return pods.isEmpty() ? ": no pods" : "";
      }
      boolean image = waiting.contains("ImagePull") || waiting.contains("ErrImageNeverPull");
      return ": " + waiting + (image ? " (fix: lab/load-images.sh, or build the image: " + JibImages.BUILD_COMMAND + ")"
          : "");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static List<ContainerStatus> statuses(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of() : pod.getStatus().getContainerStatuses();
  }

  private static String describe(ContainerStateWaiting waiting) {
    String message = waiting.getMessage() == null ? "" : " (" + waiting.getMessage().lines().findFirst().orElse("") + ")";
    return waiting.getReason() + message;
  }
}
