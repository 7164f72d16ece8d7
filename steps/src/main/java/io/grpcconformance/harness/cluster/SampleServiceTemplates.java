package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders a scenario's {@link SampleDeployment} into a Deployment and a Service, starting from the sample
 * manifests in manifests/samples/ (the first Deployment whose container runs {@code greeter}, resp. {@code user},
 * with its Service): name, namespace, labels, replicas, image, args, TLS and the Service port are rewritten,
 * everything else (security context, resources, probes, Downward API env) is kept.
 */
public final class SampleServiceTemplates {
  /** Where a TLS sample finds its certificate and key (a Secret named {@code <name>-tls}). */
  public static final String TLS_DIR = "/etc/grpc-conformance/tls";

  private final Map<SampleKind, Template> templates;
  private final String image;

  private record Template(Deployment deployment, Service service) {}

  /** The rendered objects. */
  public record Rendered(Deployment deployment, Service service) {}

  private SampleServiceTemplates(Map<SampleKind, Template> templates, String image) {
    this.templates = Map.copyOf(templates);
    this.image = image;
  }

  /** Loads the templates from a folder of sample manifests (strictly parsed). */
  public static SampleServiceTemplates load(Path samplesDir, String image) {
    List<HasMetadata> objects = new ArrayList<>();
    StrictManifestReader reader = new StrictManifestReader();
    try (Stream<Path> files = Files.list(samplesDir)) {
      files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> objects.addAll(reader.read(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(samplesDir + ": cannot list sample manifests: " + e.getMessage(), e);
    }
    Map<SampleKind, Template> templates = new LinkedHashMap<>();
    for (SampleKind kind : SampleKind.values()) {
      String command = kind.name().toLowerCase(Locale.ROOT);
      Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
          .filter(d -> command.equals(firstArg(d))).findFirst()
          .orElseThrow(() -> new ManifestException(samplesDir + ": no Deployment running '" + command + "'"));
      String name = deployment.getMetadata().getName();
      Service service = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
          .filter(s -> name.equals(s.getMetadata().getName())).findFirst()
          .orElseThrow(() -> new ManifestException(samplesDir + ": no Service " + name + " for Deployment " + name));
      templates.put(kind, new Template(deployment, service));
    }
    return new SampleServiceTemplates(templates, image);
  }

  /** The Deployment and Service for one scenario deployment. */
  public Rendered render(SampleDeployment wanted) {
    Template template = templates.get(wanted.kind());
    Deployment deployment = Serialization.clone(template.deployment());
    Service service = Serialization.clone(template.service());

    Map<String, String> selector = Map.of("app", wanted.name());
    Map<String, String> objectLabels = new LinkedHashMap<>(deployment.getMetadata().getLabels());
    objectLabels.put("app", wanted.name());
    objectLabels.put("app.kubernetes.io/name", wanted.name());
    Map<String, String> podLabels = new LinkedHashMap<>(objectLabels);
    podLabels.putAll(wanted.labels()); // scenario labels last: isolation scenarios select on them

    deployment.getMetadata().setName(wanted.name());
    deployment.getMetadata().setNamespace(wanted.namespace());
    deployment.getMetadata().setLabels(objectLabels);
    deployment.getSpec().setReplicas(wanted.replicas());
    deployment.getSpec().getSelector().setMatchLabels(selector);
    deployment.getSpec().getTemplate().getMetadata().setLabels(podLabels);

    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    int port = container.getPorts().get(0).getContainerPort();
    container.setImage(image);
    container.setImagePullPolicy("IfNotPresent");
    container.setArgs(args(wanted, port));
    wanted.tls().ifPresent(tls -> useTls(deployment, container, wanted.name(), port));

    service.getMetadata().setName(wanted.name());
    service.getMetadata().setNamespace(wanted.namespace());
    service.getMetadata().setLabels(objectLabels);
    service.getSpec().setSelector(selector);
    ServicePort servicePort = service.getSpec().getPorts().get(0);
    servicePort.setPort(wanted.servicePort());
    if (wanted.tls().isPresent()) {
      servicePort.setAppProtocol(null); // not h2c: the backend speaks TLS
    }
    return new Rendered(deployment, service);
  }

  /** The Secret a TLS sample mounts: {@code <name>-tls}. */
  public static String tlsSecretName(String sampleName) {
    return sampleName + "-tls";
  }

  private static List<String> args(SampleDeployment wanted, int port) {
    List<String> args = new ArrayList<>(List.of(
        wanted.kind().name().toLowerCase(Locale.ROOT), "--port", Integer.toString(port), "--name", wanted.name()));
    if (wanted.reflection()) {
      args.add("--reflection");
    }
    if (wanted.tls().isPresent()) {
      args.addAll(List.of("--tls-cert", TLS_DIR + "/tls.crt", "--tls-key", TLS_DIR + "/tls.key"));
    }
    return args;
  }

  /**
   * Mounts the {@code <name>-tls} Secret and replaces the gRPC probes, which Kubernetes sends in plaintext only,
   * with TCP probes on the same port.
   */
  private static void useTls(Deployment deployment, Container container, String name, int port) {
    deployment.getSpec().getTemplate().getSpec().getVolumes().add(new VolumeBuilder()
        .withName("tls").withNewSecret().withSecretName(tlsSecretName(name)).endSecret().build());
    container.getVolumeMounts().add(new VolumeMountBuilder()
        .withName("tls").withMountPath(TLS_DIR).withReadOnly(true).build());
    container.setStartupProbe(tcp(container.getStartupProbe(), port));
    container.setReadinessProbe(tcp(container.getReadinessProbe(), port));
    container.setLivenessProbe(tcp(container.getLivenessProbe(), port));
  }

  private static Probe tcp(Probe grpc, int port) {
    if (grpc == null) {
      return null;
    }
    return new ProbeBuilder(grpc).withGrpc(null).withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket()
        .build();
  }

  private static String firstArg(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    if (containers.isEmpty() || containers.get(0).getArgs() == null || containers.get(0).getArgs().isEmpty()) {
      return "";
    }
    return containers.get(0).getArgs().get(0);
  }
}
