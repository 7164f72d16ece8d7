package io.grpcconformance.harness.env.local;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import io.grpcconformance.harness.env.TlsMaterial;
import io.grpcconformance.samples.SampleServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Runs the sample Deployments of the local environment: each replica is a {@link SampleServer}
 * started in-process on 127.0.0.1 with the pod name and namespace it would have in a cluster, and
 * the Deployment, Service and one EndpointSlice per replica (address 127.0.0.1, the replica's port)
 * are written to the API server, so the gateway resolves the Service as it would in a cluster.
 * Everything started for a namespace is stopped and deleted by {@link #release}.
 */
final class LocalBackends implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(LocalBackends.class.getName());

  /** The Service port name; the EndpointSlice ports carry the same name. */
  static final String PORT_NAME = "grpc";

  /** The Service label EndpointSlices are tied with (discovery.k8s.io). */
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /** gRPC over cleartext HTTP/2 (KEP-3726), as the upstream suite's backends declare. */
  static final String H2C = "kubernetes.io/h2c";

  private record Started(List<SampleServer> servers, List<HasMetadata> objects, Path tlsDir) {}

  private final KubernetesClient client;
  private final String image;
  private final Map<String, List<Started>> byNamespace = new ConcurrentHashMap<>();

  LocalBackends(KubernetesClient client, String image) {
    this.client = client;
    this.image = image;
  }

  /** Starts the replicas and publishes the Deployment, Service and EndpointSlices. */
  void deploy(SampleDeployment d) {
    List<SampleServer> servers = new ArrayList<>();
    Path tlsDir = null;
    try {
      if (d.tls().isPresent()) {
        tlsDir = writeTls(d.tls().get());
      }
      String hash = Integer.toHexString((d.namespace() + "/" + d.name()).hashCode() & 0xfffff);
      for (int i = 0; i < d.replicas(); i++) {
        SampleServer.Builder b =
            SampleServer.builder(kind(d.kind()))
                .name(d.name())
                .bind("127.0.0.1")
                .port(0)
                .reflection(d.reflection())
                .podName(d.name() + "-" + hash + "-" + i)
                .podNamespace(d.namespace())
                .graceSeconds(0);
        if (tlsDir != null) {
          b.tls(tlsDir.resolve("tls.crt"), tlsDir.resolve("tls.key"));
        }
        servers.add(b.start());
      }
    } catch (IOException | RuntimeException e) {
      servers.forEach(s -> s.shutdown(Duration.ZERO));
      throw new IllegalStateException(
          "cannot start " + d.kind() + " " + d.namespace() + "/" + d.name() + ": " + e.getMessage(),
          e);
    }
    List<HasMetadata> objects = publish(d, servers);
    byNamespace
        .computeIfAbsent(d.namespace(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(new Started(servers, objects, tlsDir));
    LOG.fine(
        () ->
            "deployed "
                + d.namespace()
                + "/"
                + d.name()
                + " on ports "
                + servers.stream().map(SampleServer::port).toList());
  }

  private List<HasMetadata> publish(SampleDeployment d, List<SampleServer> servers) {
    Map<String, String> labels = new LinkedHashMap<>(d.labels());
    labels.put("app", d.name());
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new DeploymentBuilder()
            .withNewMetadata()
            .withNamespace(d.namespace())
            .withName(d.name())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withReplicas(d.replicas())
            .withNewSelector()
            .addToMatchLabels("app", d.name())
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(d.kind().name().toLowerCase())
            .withImage(image)
            .addNewPort()
            .withName(PORT_NAME)
            .withContainerPort(d.kind() == SampleKind.GREETER ? 9001 : 9002)
            .endPort()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .withNewStatus()
            .withReplicas(d.replicas())
            .withReadyReplicas(d.replicas())
            .endStatus()
            .build());
    objects.add(
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace(d.namespace())
            .withName(d.name())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .addToSelector("app", d.name())
            .addNewPort()
            .withName(PORT_NAME)
            .withProtocol("TCP")
            .withPort(d.servicePort())
            .withTargetPort(new IntOrString(PORT_NAME))
            .withAppProtocol(d.tls().isPresent() ? null : H2C)
            .endPort()
            .endSpec()
            .build());
    for (int i = 0; i < servers.size(); i++) {
      // One slice per replica: slice ports apply to every endpoint of a slice, and each in-process
      // replica listens on its own port of the same address.
      objects.add(
          new EndpointSliceBuilder()
              .withNewMetadata()
              .withNamespace(d.namespace())
              .withName(d.name() + "-" + i)
              .addToLabels(SERVICE_NAME_LABEL, d.name())
              .endMetadata()
              .withAddressType("IPv4")
              .addNewPort()
              .withName(PORT_NAME)
              .withProtocol("TCP")
              .withPort(servers.get(i).port())
              .endPort()
              .addNewEndpoint()
              .withAddresses("127.0.0.1")
              .withNewConditions()
              .withReady(true)
              .endConditions()
              .withNewTargetRef()
              .withKind("Pod")
              .withNamespace(d.namespace())
              .withName(servers.get(i).config().podName())
              .endTargetRef()
              .endEndpoint()
              .build());
    }
    List<HasMetadata> created = new ArrayList<>();
    for (HasMetadata o : objects) {
      created.add(client.resource(o).create());
    }
    return created;
  }

  /** Stops every replica started in {@code namespace} and deletes its objects. */
  void release(String namespace) {
    List<Started> started = byNamespace.remove(namespace);
    if (started == null) {
      return;
    }
    for (Started s : started) {
      for (HasMetadata o : s.objects()) {
        try {
          client.resource(o).delete();
        } catch (RuntimeException e) {
          LOG.fine(
              () ->
                  "deleting "
                      + o.getKind()
                      + " "
                      + o.getMetadata().getName()
                      + ": "
                      + e.getMessage());
        }
      }
      s.servers().forEach(server -> server.shutdown(Duration.ZERO));
      deleteTree(s.tlsDir());
    }
  }

  @Override
  public void close() {
    List.copyOf(byNamespace.keySet()).forEach(this::release);
  }

  private static SampleServer.Kind kind(SampleKind kind) {
    return kind == SampleKind.GREETER ? SampleServer.Kind.GREETER : SampleServer.Kind.USER;
  }

  private static Path writeTls(TlsMaterial tls) throws IOException {
    Path dir = Files.createTempDirectory("grpc-conformance-backend-tls");
    Files.writeString(dir.resolve("tls.crt"), tls.certificateChainPem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("tls.key"), tls.privateKeyPem(), StandardCharsets.US_ASCII);
    return dir;
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
