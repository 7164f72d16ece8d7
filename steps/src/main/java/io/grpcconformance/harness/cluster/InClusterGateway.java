package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.env.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The suite's own gateway running in the cluster, deployed from manifests/gateway/ (Deployment, RBAC, Service;
 * the gateway image is replaced by {@code conformance.gatewayImage}, pulled only if not present). It is reached
 * from the test JVM through a mapped NodePort when the cluster maps one, else through a port-forward.
 */
public final class InClusterGateway implements GatewayLogSource {
  private static final String IMAGE_REPOSITORY = "grpc-conformance/gateway";
  /** Log lines kept per pod in {@link #gatewayLogs()}. */
  static final int LOG_TAIL_LINES = 400;

  private final KubernetesClient client;
  private final List<HasMetadata> objects;
  private final PortMapper portMapper;
  private final PortForwards portForwards;

  private InClusterGateway(KubernetesClient client, List<HasMetadata> objects, PortMapper portMapper) {
    this.client = client;
    this.objects = List.copyOf(objects);
    this.portMapper = portMapper;
    this.portForwards = new PortForwards(client);
  }

  /** Reads manifests/gateway/*.yaml strictly and points the gateway container at {@code gatewayImage}. */
  public static InClusterGateway fromManifests(KubernetesClient client, Path gatewayDir, String gatewayImage,
      PortMapper portMapper) {
    if (!Files.isDirectory(gatewayDir)) {
      throw new IllegalStateException(gatewayDir + " not found: the in-cluster gateway's manifests are missing"
          + " (fix: check out the complete repository, or test a third-party gateway with -Dconformance.gatewayClass)");
    }
    List<HasMetadata> objects = new ArrayList<>();
    StrictManifestReader reader = new StrictManifestReader();
    try (Stream<Path> files = Files.list(gatewayDir)) {
      files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted()
          .forEach(p -> objects.addAll(reader.read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(gatewayDir + ": cannot list: " + e.getMessage(), e);
    }
    // A namespaced object without a namespace goes to "default", as kubectl apply would put it.
    objects.stream().filter(o -> o instanceof Namespaced && o.getMetadata().getNamespace() == null)
        .forEach(o -> o.getMetadata().setNamespace("default"));
    objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
        .filter(c -> c.getImage() != null && c.getImage().startsWith(IMAGE_REPOSITORY + ":"))
        .forEach(c -> pin(c, gatewayImage));
    if (objects.stream().noneMatch(Deployment.class::isInstance)) {
      throw new IllegalStateException(gatewayDir + ": no Deployment for the gateway");
    }
    return new InClusterGateway(client, objects, portMapper);
  }

  private static void pin(Container container, String image) {
    container.setImage(image);
    container.setImagePullPolicy("IfNotPresent");
  }

  /** The names of the IngressClasses the gateway's manifests define (the classes it serves Ingresses for). */
  public List<String> ingressClasses() {
    return objects.stream().filter(IngressClass.class::isInstance).map(o -> o.getMetadata().getName()).toList();
  }

  /** The objects that {@link #deploy} applies, in file order. */
  public List<HasMetadata> objects() {
    return objects;
  }

  /** Creates or server-side applies every object (idempotent), then waits for each gateway Deployment. */
  public void deploy(ClusterReadiness readiness, ClusterTimeouts timeouts) {
    for (HasMetadata object : objects) {
      Apply.createOrApply(client, object);
    }
    for (Deployment d : deployments()) {
      readiness.awaitDeployment(d.getMetadata().getNamespace(), d.getMetadata().getName(), "gatewayMustBeReady",
          timeouts.gatewayMustBeReady());
    }
  }

  /**
   * Where the test JVM dials listener port {@code port} (a Gateway listener, or 80/443 for Ingress): the Service
   * port with that number, through its mapped NodePort if the cluster maps it, else a port-forward.
   */
  public Address address(int port) {
    for (Service service : services()) {
      for (ServicePort servicePort : service.getSpec().getPorts()) {
        if (servicePort.getPort() == port) {
          String ns = service.getMetadata().getNamespace();
          String name = service.getMetadata().getName();
          Integer nodePort = nodePort(ns, name, port);
          if (nodePort != null) {
            var mapped = portMapper.map(nodePort);
            if (mapped.isPresent()) {
              return mapped.get();
            }
          }
          return portForwards.toService(ns, name, port);
        }
      }
    }
    throw new IllegalStateException("the gateway's Service has no port " + port + " (ports: " + declaredPorts()
        + "); declare it in manifests/gateway/ or use a listener on one of those ports");
  }

  @Override
  public String gatewayLogs() {
    StringBuilder out = new StringBuilder();
    for (Deployment d : deployments()) {
      String ns = d.getMetadata().getNamespace();
      try {
        for (Pod pod : client.pods().inNamespace(ns).withLabels(d.getSpec().getSelector().getMatchLabels())
            .list().getItems()) {
          out.append("== gateway pod ").append(ns).append('/').append(pod.getMetadata().getName()).append('\n');
          out.append(client.pods().inNamespace(ns).withName(pod.getMetadata().getName())
              .tailingLines(LOG_TAIL_LINES).getLog());
          out.append('\n');
        }
      } catch (RuntimeException e) {
        out.append("== gateway ").append(ns).append('/').append(d.getMetadata().getName())
            .append(": logs unavailable: ").append(e.getMessage()).append('\n');
      }
    }
    return out.toString();
  }

  /** Closes the port-forwards. */
  public void close() {
    portForwards.close();
  }

  private Integer nodePort(String namespace, String name, int port) {
    Service live = client.services().inNamespace(namespace).withName(name).get();
    if (live == null) {
      return null;
    }
    return live.getSpec().getPorts().stream().filter(p -> p.getPort() == port).map(ServicePort::getNodePort)
        .findFirst().orElse(null);
  }

  private List<Deployment> deployments() {
    return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
  }

  private List<Service> services() {
    return objects.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
  }

  private List<Integer> declaredPorts() {
    return services().stream().flatMap(s -> s.getSpec().getPorts().stream()).map(ServicePort::getPort).toList();
  }
}
