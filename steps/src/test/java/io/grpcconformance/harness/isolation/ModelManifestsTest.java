package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpcconformance.netpol.StandardModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The model's objects, and manifests/isolation/model.yaml parsed strictly with fabric8. */
class ModelManifestsTest {

  private static final String IMAGE = "grpc-conformance/sample-services:0.1.0";
  private static final String MODEL_YAML = "manifests/isolation/model.yaml";
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  @Test
  void namespacesCarryTheModelLabelAndTheRun() {
    List<Namespace> namespaces = ModelManifests.namespaces(new ModelNames("gc-", "ab1cd"));

    assertThat(namespaces).extracting(n -> n.getMetadata().getName())
        .containsExactly("gc-x-ab1cd", "gc-y-ab1cd", "gc-z-ab1cd");
    assertThat(namespaces.get(1).getMetadata().getLabels())
        .containsEntry("ns", "y")
        .containsEntry(ModelNames.RUN_LABEL, "ab1cd");
  }

  @Test
  void ninePodsServeBothPortsOnNamedContainerPorts() {
    List<Pod> pods = ModelManifests.pods(new ModelNames("gc-", "ab1cd"), IMAGE);

    assertThat(pods).hasSize(9);
    assertThat(pods).extracting(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .startsWith("gc-x-ab1cd/a", "gc-x-ab1cd/b", "gc-x-ab1cd/c", "gc-y-ab1cd/a")
        .endsWith("gc-z-ab1cd/c");
    Pod yb = pods.get(4);
    assertThat(yb.getMetadata().getLabels()).containsEntry("pod", "b");
    assertThat(yb.getSpec().getContainers()).extracting(Container::getName)
        .containsExactly("cont-80-tcp", "cont-81-tcp");
    for (int i = 0; i < StandardModel.PORTS.size(); i++) {
      int port = StandardModel.PORTS.get(i);
      Container c = yb.getSpec().getContainers().get(i);
      assertThat(c.getImage()).isEqualTo(IMAGE);
      assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
      assertThat(c.getArgs()).containsExactly("greeter", "--port", "" + port, "--name", "y-b-" + port);
      assertThat(c.getPorts().get(0).getName()).isEqualTo("serve-" + port + "-tcp");
      assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(port);
      assertThat(c.getReadinessProbe().getGrpc().getPort()).isEqualTo(port);
    }
    // Ports below 1024 as uid 65532: the safe sysctl, not root or a capability.
    assertThat(yb.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(yb.getSpec().getSecurityContext().getSysctls())
        .anySatisfy(s -> {
          assertThat(s.getName()).isEqualTo("net.ipv4.ip_unprivileged_port_start");
          assertThat(s.getValue()).isEqualTo("0");
        });
    assertThat(ModelManifests.probeContainer()).isEqualTo("cont-80-tcp");
  }

  @Test
  void theCheckedInModelParsesStrictlyAndEqualsTheGeneratedObjects() throws Exception {
    Path file = RepoFiles.find(MODEL_YAML);
    if (Boolean.getBoolean("isolation.regenerate")) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String header = text.substring(0, text.indexOf("---\n"));
      Files.writeString(file, header + ModelManifests.render(ModelNames.plain(), IMAGE));
    }
    List<HasMetadata> parsed = parseStrictly(Files.readString(file, StandardCharsets.UTF_8));

    List<HasMetadata> generated = new ArrayList<>(ModelManifests.namespaces(ModelNames.plain()));
    generated.addAll(ModelManifests.pods(ModelNames.plain(), IMAGE));
    assertThat(parsed)
        .as(MODEL_YAML + " is out of date: regenerate it (see its header)")
        .isEqualTo(generated);
  }

  @Test
  void renderedYamlParsesBackToTheSameObjects() {
    ModelNames names = new ModelNames("gc-", "q1w2e");
    List<HasMetadata> generated = new ArrayList<>(ModelManifests.namespaces(names));
    generated.addAll(ModelManifests.pods(names, IMAGE));

    assertThat(parseStrictly(ModelManifests.render(names, IMAGE))).isEqualTo(generated);
  }

  @Test
  void aMisspelledFieldIsReportedByItsPath() {
    String text =
        ModelManifests.render(ModelNames.plain(), IMAGE)
            .replaceFirst("imagePullPolicy:", "imagePullPolcy:");
    Pod pod = KUBERNETES.unmarshal(text.split("---\n")[4], Pod.class);

    assertThat(UnknownFields.of(pod)).containsExactly("spec.containers[0].imagePullPolcy");
  }

  /** Every document as its fabric8 type; fails on any field fabric8 does not know. */
  static List<HasMetadata> parseStrictly(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        YAMLMapper.builder().build().readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        HasMetadata object =
            switch (doc.path("kind").asString()) {
              case "Namespace" -> KUBERNETES.convertValue(doc, Namespace.class);
              case "Pod" -> KUBERNETES.convertValue(doc, Pod.class);
              default -> throw new AssertionError("unexpected kind in the model: " + doc.path("kind"));
            };
        assertThat(UnknownFields.of(object))
            .as("unknown fields in " + object.getKind() + " " + object.getMetadata().getName())
            .isEmpty();
        objects.add(object);
      }
    }
    return objects;
  }
}
