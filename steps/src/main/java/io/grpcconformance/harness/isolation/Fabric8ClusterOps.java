package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link ClusterOps} and {@link PodExec} over a fabric8 client. Thread-safe. */
public final class Fabric8ClusterOps implements ClusterOps, PodExec {

  /** Output beyond this many bytes per stream is dropped (probe output is a few lines). */
  static final int MAX_OUTPUT = 64 * 1024;

  private final KubernetesClient client;

  public Fabric8ClusterOps(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public void create(HasMetadata object) {
    client.resource(object).create();
  }

  @Override
  public Optional<PodState> pod(String namespace, String name) {
    Pod pod = client.pods().inNamespace(namespace).withName(name).get();
    if (pod == null) {
      return Optional.empty();
    }
    var status = pod.getStatus();
    if (status == null) {
      return Optional.of(new PodState(false, Optional.empty(), "no status yet"));
    }
    boolean ready =
        status.getConditions() != null
            && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    String ip = status.getPodIP();
    return Optional.of(
        new PodState(ready, Optional.ofNullable(ip).filter(s -> !s.isEmpty()), summary(pod)));
  }

  private static String summary(Pod pod) {
    StringBuilder s = new StringBuilder(String.valueOf(pod.getStatus().getPhase()));
    List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
    if (statuses != null) {
      for (ContainerStatus c : statuses) {
        if (c.getState() != null && c.getState().getWaiting() != null) {
          s.append(' ').append(c.getName()).append(": ").append(c.getState().getWaiting().getReason());
        }
      }
    }
    return s.toString();
  }

  @Override
  public void applyPolicy(NetworkPolicy policy) {
    // Server-side apply would need a field manager; create-or-replace is enough for test objects.
    client.network().v1().networkPolicies().resource(policy).createOr(existing -> existing.update());
  }

  @Override
  public void deletePolicy(String namespace, String name) {
    client.network().v1().networkPolicies().inNamespace(namespace).withName(name).delete();
  }

  @Override
  public void labelPod(String namespace, String name, Map<String, String> labels) {
    // edit() returns once the API server stored the labels: no polling needed afterwards.
    client.pods().inNamespace(namespace).withName(name).edit(p -> {
      p.getMetadata().setLabels(merged(p.getMetadata().getLabels(), labels));
      return p;
    });
  }

  @Override
  public void labelNamespace(String name, Map<String, String> labels) {
    client.namespaces().withName(name).edit(n -> {
      n.getMetadata().setLabels(merged(n.getMetadata().getLabels(), labels));
      return n;
    });
  }

  private static Map<String, String> merged(Map<String, String> existing, Map<String, String> added) {
    Map<String, String> labels = new LinkedHashMap<>(existing == null ? Map.of() : existing);
    labels.putAll(added);
    return labels;
  }

  @Override
  public void deleteNamespace(String name) {
    client.namespaces().withName(name).delete();
  }

  @Override
  public List<ServiceEndpoint> serviceEndpoints(String namespace, String name, int servicePort) {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null) {
      throw new IllegalStateException("Service " + namespace + "/" + name + " does not exist");
    }
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(p -> p.getPort() == servicePort)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Service " + namespace + "/" + name + " has no port " + servicePort));
    List<ServiceEndpoint> endpoints = new ArrayList<>();
    for (EndpointSlice slice :
        client
            .discovery()
            .v1()
            .endpointSlices()
            .inNamespace(namespace)
            .withLabel("kubernetes.io/service-name", name)
            .list()
            .getItems()) {
      Optional<Integer> target =
          slice.getPorts() == null
              ? Optional.empty()
              : slice.getPorts().stream()
                  .filter(p -> Objects.equals(p.getName(), port.getName()) || port.getName() == null)
                  .map(EndpointPort::getPort)
                  .filter(Objects::nonNull)
                  .findFirst();
      if (target.isEmpty() || slice.getEndpoints() == null) {
        continue;
      }
      for (Endpoint e : slice.getEndpoints()) {
        boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        if (!ready || e.getAddresses() == null) {
          continue;
        }
        String pod = e.getTargetRef() == null ? "?" : e.getTargetRef().getName();
        for (String address : e.getAddresses()) {
          endpoints.add(new ServiceEndpoint(pod, address, target.get()));
        }
      }
    }
    return endpoints;
  }

  @Override
  public Map<String, String> serviceSelector(String namespace, String name) {
    Service service = client.services().inNamespace(namespace).withName(name).get();
    if (service == null || service.getSpec().getSelector() == null) {
      throw new IllegalStateException(
          "Service " + namespace + "/" + name + " does not exist or has no selector");
    }
    return Map.copyOf(service.getSpec().getSelector());
  }

  @Override
  public ExecResult exec(
      String namespace, String pod, String container, List<String> command, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CompletableFuture<Integer> exit;
    try (ExecWatch watch =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .writingOutput(bounded(out))
            .writingError(bounded(err))
            .exec(command.toArray(String[]::new))) {
      exit = watch.exitCode();
      // The status frame (exit code) follows the output frames on the same websocket, which
      // fabric8 processes in order: once it completes, stdout is complete.
      Integer code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (code == null || code < 0) {
        return ExecResult.failed("exec ended without an exit status", text(out), text(err));
      }
      return ExecResult.exited(code, text(out), text(err));
    } catch (TimeoutException e) {
      return ExecResult.failed("exec did not finish within " + timeout, text(out), text(err));
    } catch (ExecutionException e) {
      return ExecResult.failed("exec failed: " + e.getCause(), text(out), text(err));
    } catch (KubernetesClientException e) {
      return ExecResult.failed("exec failed: " + e.getMessage(), text(out), text(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExecResult.failed("interrupted", text(out), text(err));
    }
  }

  private static String text(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toString(StandardCharsets.UTF_8);
    }
  }

  private static OutputStream bounded(ByteArrayOutputStream target) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (target) {
          if (target.size() < MAX_OUTPUT) {
            target.write(b);
          }
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (target) {
          int room = MAX_OUTPUT - target.size();
          if (room > 0) {
            target.write(b, off, Math.min(room, len));
          }
        }
      }
    };
  }
}
