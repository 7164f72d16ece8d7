package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every YAML file under manifests/ (all sub-folders, whatever exists when the test runs) parses strictly into
 * fabric8 model objects. Files meant to be invalid (fixtures for bad-input tests) must say so, either by living
 * in a folder named {@code invalid} or by a first-lines comment {@code # conformance: invalid}; those must be
 * rejected instead. {@code ${name}} placeholders (filled in by the suite's ManifestApplier) are replaced by
 * {@code 1}, which reads as a valid number and, coerced, as a valid string.
 */
class ManifestsParseTest {
  static final String INVALID_MARKER = "# conformance: invalid";
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.:-]+}");

  private final StrictManifestReader reader = new StrictManifestReader();

  static List<Path> manifestFiles() throws IOException {
    Path root = ProjectLayout.discover().manifests();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      // manifests/bad-input is the gateway's bad-input corpus: many of its documents parse but are
      // wrong on purpose (bad regex, missing Secret); BadInputCorpusTest checks each one's outcome.
      Path corpus = root.resolve("bad-input");
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(corpus))
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  static boolean markedInvalid(Path file) throws IOException {
    for (Path part : file) {
      if (part.toString().equals("invalid")) {
        return true;
      }
    }
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.limit(5).anyMatch(line -> line.strip().equals(INVALID_MARKER));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyManifestParsesStrictly() throws IOException {
    Path root = ProjectLayout.discover().root();
    return manifestFiles().stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
      String text = PLACEHOLDER.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("1");
      String name = root.relativize(file).toString();
      if (markedInvalid(file)) {
        assertThatThrownBy(() -> reader.read(name, text)).isInstanceOf(ManifestException.class);
      } else {
        assertThat(reader.read(name, text)).as("objects in %s", file).isNotEmpty();
      }
    }));
  }

  @Test
  void theSampleServicesAreAmongTheManifests() throws IOException {
    assertThat(manifestFiles()).extracting(p -> p.getFileName().toString())
        .contains("foo-svc.yaml", "bar-svc.yaml", "bar-svc-canary.yaml");
  }
}
