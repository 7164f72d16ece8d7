package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.grpcconformance.harness.env.Address;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;

/**
 * The run's disposable k3s + Calico cluster: one per JVM, started lazily by the first caller of
 * {@link #shared}, shared by every scenario (each in its own namespace) and stopped by a shutdown hook.
 *
 * <p>Start-up, with one progress line per stage (cluster.md §2.8): container up ("k3s is up and running") →
 * API → Calico applied (pool = cluster CIDR) → Nodes Ready → calico-node → CoreDNS → default ServiceAccount →
 * Gateway API CRDs Established → the suite's images imported into containerd.
 */
public final class K3sCalicoCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(K3sCalicoCluster.class.getName());

  private static K3sCalicoCluster shared;

  private final ClusterSettings settings;
  private final K3sClusterSpec spec;
  private final Consumer<String> progress;
  private K3sCalicoContainer container;
  private KubernetesClient client;

  private K3sCalicoCluster(ClusterSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.spec = K3sClusterSpec.from(settings);
    this.progress = progress;
  }

  /**
   * The run's cluster, started on first use. Call only after {@link Preflight#k3s} passed: constructing the
   * container needs Docker. A failed start is thrown (the preflight said this machine can run it).
   */
  public static synchronized K3sCalicoCluster shared(ClusterSettings settings, Consumer<String> progress) {
    if (shared == null) {
      K3sCalicoCluster cluster = new K3sCalicoCluster(settings, progress);
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "k3s-cluster-shutdown"));
      try {
        cluster.start();
      } catch (RuntimeException e) {
        cluster.close();
        throw e;
      }
      shared = cluster;
    }
    return shared;
  }

  private void start() {
    progress.accept("k3s: starting " + spec.image() + " (waiting for \"k3s is up and running\", timeout k3sStartup="
        + spec.startupTimeout() + ")");
    container = new K3sCalicoContainer(spec);
    container.start();
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(container.getKubeConfigYaml())).build();
    ClusterTimeouts timeouts = settings.timeouts();
    ClusterReadiness readiness = new ClusterReadiness(client, timeouts, progress);
    readiness.awaitApi();

    ManifestSource calico = new ManifestSource(settings.calicoManifest(), "conformance.calico.manifest");
    progress.accept("calico: applying " + calico.location() + " (pool " + spec.clusterCidr() + ")");
    apply(CalicoManifestPatcher.forK3s(spec).patch(calico.location(), calico.read(timeouts.preflightProbe())));
    readiness.awaitCalicoCluster();

    ManifestSource crds = new ManifestSource(settings.gatewayApiCrds(), "conformance.gatewayApi.crds");
    progress.accept("gateway-api: applying " + crds.location());
    apply(crds.read(timeouts.preflightProbe()));
    readiness.awaitCrdsEstablished(GatewayApiCrds.REQUIRED);

    String platform = ImageImportCommands.platform(DockerClientFactory.instance().getInfo().getArchitecture());
    K3sImageImporter importer = new K3sImageImporter(new DockerImageArchiver(container.getDockerClient()),
        new TestcontainersShell(container), platform);
    for (String image : JibImages.required(settings)) {
      long start = System.nanoTime();
      progress.accept("k3s: importing " + image + " into containerd (" + platform + ")");
      importer.importImage(image);
      progress.accept(String.format("k3s: imported %s after %.1f s", image, (System.nanoTime() - start) / 1e9));
    }
  }

  /** Creates (or server-side applies) every document of a manifest. */
  private void apply(String yaml) {
    List<HasMetadata> items = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata item : items) {
      Apply.createOrApply(client, item);
    }
  }

  /** A client for the cluster (owned by the cluster; do not close it). */
  public KubernetesClient client() {
    return client;
  }

  /** The kubeconfig YAML for kubectl and other tools (server URL on the mapped API port). */
  public String kubeConfigYaml() {
    return container.getKubeConfigYaml();
  }

  /** The spec the cluster was started with. */
  public K3sClusterSpec spec() {
    return spec;
  }

  /** Maps the exposed NodePorts ({@link GatewayNodePorts}) to the container's host ports. */
  public PortMapper portMapper() {
    return nodePort -> spec.extraExposedPorts().contains(nodePort)
        ? Optional.of(new Address(container.getHost(), container.getMappedPort(nodePort)))
        : Optional.empty();
  }

  /** Stops the client and the container; idempotent. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (container != null) {
      LOG.info("k3s: stopping " + spec.image());
      container.stop();
      container = null;
    }
  }
}
