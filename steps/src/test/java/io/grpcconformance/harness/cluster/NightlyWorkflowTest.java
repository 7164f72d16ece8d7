package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** .github/workflows/nightly.yml is valid YAML, runs -Pk3s on two k3s images and uploads the reports. */
class NightlyWorkflowTest {
  private static final Path WORKFLOW = ProjectLayout.discover().root().resolve(".github/workflows/nightly.yml");

  private static JsonNode workflow() throws IOException {
    return YAMLMapper.builder().build().readTree(Files.readString(WORKFLOW));
  }

  private static List<JsonNode> steps(JsonNode job) {
    List<JsonNode> steps = new ArrayList<>();
    job.path("steps").forEach(steps::add);
    return steps;
  }

  @Test
  void runsNightlyOnAMatrixOfTwoK3sImages() throws IOException {
    JsonNode wf = workflow();
    JsonNode job = wf.path("jobs").path("k3s");

    assertThat(wf.path("on").path("schedule").get(0).path("cron").asString()).matches("[0-9*/ ,-]+");
    List<String> images = new ArrayList<>();
    job.path("strategy").path("matrix").path("include").forEach(e -> images.add(e.path("k3s-image").asString()));
    assertThat(images).hasSize(2).doesNotHaveDuplicates()
        .allMatch(image -> image.matches("rancher/k3s:v1\\.\\d+\\.\\d+-k3s\\d+"));
    assertThat(images).contains(ClusterSettings.DEFAULT_K3S_IMAGE);
  }

  @Test
  void runsOnlyTheProjectsOwnCommandsAndPassesTheImage() throws IOException {
    List<String> runs = new ArrayList<>();
    for (JsonNode step : steps(workflow().path("jobs").path("k3s"))) {
      if (step.has("run")) {
        step.path("run").asString().lines().map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(runs::add);
      }
    }

    assertThat(runs).filteredOn(line -> line.startsWith("mvn "))
        .containsExactly(
            "mvn -B -pl sample-services,gateway -am -DskipTests package jib:dockerBuild",
            "mvn -B verify -Pk3s -Dconformance.k3s.image=${{ matrix.k3s-image }} | tee nightly-build.log");
    assertThat(runs).allMatch(line -> line.matches("(mvn |if grep |echo |exit |fi).*"),
        "only mvn and the skip check");
  }

  @Test
  void uploadsTheConformanceReportsEvenWhenTheRunFails() throws IOException {
    JsonNode upload = steps(workflow().path("jobs").path("k3s")).stream()
        .filter(s -> s.path("uses").asString("").startsWith("actions/upload-artifact@")).findFirst().orElseThrow();

    assertThat(upload.path("if").asString()).isEqualTo("always()");
    assertThat(upload.path("with").path("path").asString()).isEqualTo("steps/target/conformance/**");
    assertThat(upload.path("with").path("name").asString()).contains("${{ matrix.kubernetes }}");
  }
}
