package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.EnvironmentProvider;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Creates environment {@code kubeconfig} ({@code -Dconformance.env=kubeconfig}): the kube context is decided by
 * {@link KubeContextGuard} before any client exists, then the cluster's prerequisites are checked (never
 * installed); the suite's gateway is applied from manifests/gateway/ unless a third party's class is tested.
 */
public final class KubeconfigEnvironmentProvider implements EnvironmentProvider {
  private static final Logger LOG = Logger.getLogger(KubeconfigEnvironmentProvider.class.getName());

  private final SettingSource source;
  private final Supplier<KubeconfigContexts> contexts;
  private final ProjectLayout layout;

  /** For ServiceLoader: the process's settings and kubeconfig. */
  public KubeconfigEnvironmentProvider() {
    this(SettingSource.system(), KubeconfigContexts::load, null);
  }

  KubeconfigEnvironmentProvider(SettingSource source, Supplier<KubeconfigContexts> contexts, ProjectLayout layout) {
    this.source = source;
    this.contexts = contexts;
    this.layout = layout;
  }

  @Override
  public String name() {
    return KubeconfigEnvironment.NAME;
  }

  @Override
  public Environment create(ConformanceConfig config) {
    ClusterSettings settings = ClusterSettings.resolve(source, config.gatewayClass(), config.sampleImage());
    KubeconfigContexts kubeconfig = contexts.get();
    KubeContextGuard.Decision decision = new KubeContextGuard(settings.allowedContexts())
        .decide(settings.kubeContext(), kubeconfig.current(), kubeconfig.names());
    if (decision instanceof KubeContextGuard.Refused refused) {
      return skipped(List.of(refused.failure()));
    }
    String context = ((KubeContextGuard.Allowed) decision).context();
    // Only the allowed context is ever configured: never fabric8's own fallback to the current context.
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(context, kubeconfig.fileByContext().get(context).toFile()))
        .build();
    LOG.info("kubeconfig: context " + context + " (" + client.getMasterUrl() + ")");
    try {
      if (settings.kindLoadImages() && context.equals(settings.kindContext())) {
        loadImagesIntoKind(settings);
      }
      List<PreflightFailure> failures = Preflight.kubeconfig(settings, decision, new KubernetesClusterProbe(client));
      if (!failures.isEmpty()) {
        client.close();
        return skipped(failures);
      }
      ProjectLayout project = layout != null ? layout : ProjectLayout.discover();
      SampleServiceTemplates templates = SampleServiceTemplates.load(project.manifests("samples"), settings.sampleImage());
      Optional<InClusterGateway> gateway = Optional.empty();
      if (settings.ownGateway()) {
        InClusterGateway own = InClusterGateway.fromManifests(client, project.manifests("gateway"),
            settings.gatewayImage(), portMapper(settings, context, project));
        own.deploy(new ClusterReadiness(client, settings.timeouts(), LOG::info), settings.timeouts());
        gateway = Optional.of(own);
      }
      return new KubeconfigEnvironment(config, settings, context, client, templates, gateway);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** The lab's cluster-config.yaml port mappings when the context is the lab's; else port-forwards only. */
  private static PortMapper portMapper(ClusterSettings settings, String context, ProjectLayout project) {
    if (context.equals(settings.kindContext()) && Files.isRegularFile(project.kindClusterConfig())) {
      return KindPortMappings.read(project.kindClusterConfig());
    }
    return PortMapper.none();
  }

  private static void loadImagesIntoKind(ClusterSettings settings) {
    CommandRunner runner = new ProcessCommandRunner(settings.timeouts().imageImport());
    ExecOutcome arch = runner.run(List.of("docker", "version", "--format", "{{.Server.Arch}}"));
    if (!arch.succeeded()) {
      throw new ImageImportException("conformance.kind.loadImages: docker version failed: " + arch.firstErrorLine()
          + " (fix: start Docker, or load the images with lab/load-images.sh)");
    }
    KindImageLoader loader = new KindImageLoader(runner, settings.kindCluster(),
        ImageImportCommands.platform(arch.stdout()));
    JibImages.required(settings).forEach(image -> {
      LOG.info("kind: loading " + image + " into " + settings.kindCluster());
      loader.load(image);
    });
  }

  private static Environment skipped(List<PreflightFailure> failures) {
    String reason = Preflight.skipReason(KubeconfigEnvironment.NAME, failures);
    reason.lines().forEach(LOG::warning);
    return new SkippedEnvironment(KubeconfigEnvironment.NAME, reason);
  }
}
