package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpcconformance.netpol.PodPort;
import io.grpcconformance.netpol.StandardModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The Kubernetes objects of the 81-cell model (upstream netpol e2e / cyclonus layout): namespaces
 * x, y, z labelled {@code ns=<name>}, each with pods a, b, c labelled {@code pod=<name>}. A pod has
 * one container per port, {@code cont-80-tcp} and {@code cont-81-tcp}, each a sample Greeter
 * serving gRPC (h2c) and grpc.health.v1 on its port, declared as {@code serve-80-tcp} / {@code
 * serve-81-tcp} so that named ports in policies resolve as in {@link StandardModel}.
 *
 * <p>The image runs as uid 65532; binding ports below 1024 uses the pod sysctl {@code
 * net.ipv4.ip_unprivileged_port_start=0} (in Kubernetes' safe set since 1.22). {@code
 * JAVA_TOOL_OPTIONS} keeps each JVM small; it also applies to the probes exec'd in the pod.
 * manifests/isolation/model.yaml is {@link #render} of {@link ModelNames#plain()} (a test keeps
 * them equal).
 */
public final class ModelManifests {

  /** Pod label carrying the model pod name. */
  public static final String POD_LABEL = "pod";

  /** Namespace label carrying the model namespace name. */
  public static final String NS_LABEL = "ns";

  /** JVM options of every model container (and of the probes exec'd there). */
  public static final String JAVA_TOOL_OPTIONS =
      "-Xmx64m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData";

  private static final Map<String, String> COMMON_LABELS = commonLabels();

  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  // Numbers-as-strings stay quoted ("80" in args, "0" in sysctls): unquoted they would be ints.
  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .build();

  private ModelManifests() {}

  /** The container serving {@code port}: {@code cont-<port>-tcp} (upstream's naming). */
  public static String containerName(int port) {
    return "cont-" + port + "-tcp";
  }

  /** The container probes are exec'd in: the one serving the first model port. */
  public static String probeContainer() {
    return containerName(StandardModel.PORTS.get(0));
  }

  /** Namespaces x, y, z under {@code names}, labelled {@code ns=<model name>}. */
  public static List<Namespace> namespaces(ModelNames names) {
    List<Namespace> namespaces = new ArrayList<>();
    for (String model : StandardModel.NAMESPACES) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(NS_LABEL, model);
      labels.putAll(COMMON_LABELS);
      if (!names.suffix().isEmpty()) {
        labels.put(ModelNames.RUN_LABEL, names.suffix());
      }
      namespaces.add(
          new NamespaceBuilder()
              .withNewMetadata()
              .withName(names.namespace(model))
              .withLabels(labels)
              .endMetadata()
              .build());
    }
    return namespaces;
  }

  /** The nine pods, in model order (x/a, x/b, ... z/c). */
  public static List<Pod> pods(ModelNames names, String image) {
    List<Pod> pods = new ArrayList<>();
    for (String ns : StandardModel.NAMESPACES) {
      for (String pod : StandardModel.POD_NAMES) {
        pods.add(pod(names.namespace(ns), ns + "-" + pod, pod, image));
      }
    }
    return pods;
  }

  /**
   * A pod outside the model to probe from (e.g. a client that must not reach a gateway-only
   * backend): the model's pod spec with one container, {@code cont-80-tcp}, labelled {@code
   * pod=<name>}.
   */
  public static Pod probePod(String namespace, String name, String image) {
    Pod pod = pod(namespace, namespace + "-" + name, name, image);
    pod.getSpec().setContainers(List.of(pod.getSpec().getContainers().get(0)));
    return pod;
  }

  /**
   * Namespaces then pods as multi-document YAML, quoting only where YAML needs it (what
   * manifests/isolation/model.yaml holds under its header comment).
   */
  public static String render(ModelNames names, String image) {
    List<HasMetadata> objects = new ArrayList<>(namespaces(names));
    objects.addAll(pods(names, image));
    StringBuilder out = new StringBuilder();
    for (HasMetadata o : objects) {
      out.append("---\n").append(YAML.writeValueAsString(KUBERNETES.convertValue(o, JsonNode.class)));
    }
    return out.toString();
  }

  private static Map<String, String> commonLabels() {
    Map<String, String> labels = new LinkedHashMap<>(); // a stable order for render()
    labels.put("app.kubernetes.io/part-of", "grpc-conformance");
    labels.put("app.kubernetes.io/component", "isolation-model");
    return labels;
  }

  private static Pod pod(String namespace, String instance, String name, String image) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(POD_LABEL, name);
    labels.putAll(COMMON_LABELS);
    List<Container> containers = new ArrayList<>();
    for (int port : StandardModel.PORTS) {
      containers.add(container(port, instance, image));
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(1L)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65532L)
        .withRunAsGroup(65532L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .addNewSysctl()
        .withName("net.ipv4.ip_unprivileged_port_start")
        .withValue("0")
        .endSysctl()
        .endSecurityContext()
        .withContainers(containers)
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .build();
  }

  private static Container container(int port, String instance, String image) {
    String portName = PodPort.serveTcp(port).name();
    return new ContainerBuilder()
        .withName(containerName(port))
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs("greeter", "--port", Integer.toString(port), "--name", instance + "-" + port)
        .addNewEnv()
        .withName("POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("POD_NAMESPACE")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.namespace")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .addNewEnv()
        .withName("JAVA_TOOL_OPTIONS")
        .withValue(JAVA_TOOL_OPTIONS)
        .endEnv()
        .addNewPort()
        .withName(portName)
        .withContainerPort(port)
        .withProtocol("TCP")
        .endPort()
        // Kubernetes' built-in gRPC probe calls grpc.health.v1.Health/Check.
        .withNewReadinessProbe()
        .withNewGrpc()
        .withPort(port)
        .endGrpc()
        .withPeriodSeconds(2)
        .withFailureThreshold(2)
        .endReadinessProbe()
        .withNewResources()
        .addToRequests("cpu", new Quantity("10m"))
        .addToRequests("memory", new Quantity("96Mi"))
        .addToLimits("memory", new Quantity("384Mi"))
        .endResources()
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }
}
