package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every {@code src/test/resources/translate/<case>.in.yaml} is translated (default
 * config, clock fixed at {@link TestCertificates#TEST_NOW}) and compared with {@code
 * <case>.out.yaml}: the routing table ({@link RoutingTableYaml}), the problem lines and the status
 * objects. Run with {@code -Dgolden.update=true} to rewrite the outputs, then review the diff.
 */
class TranslatorGoldenTest {
  static final Path DIR = Path.of("src/test/resources/translate");

  static Stream<String> cases() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".in.yaml"))
          .map(n -> n.substring(0, n.length() - ".in.yaml".length())).sorted()
          .forEach(names::add);
    }
    return names.stream();
  }

  static String render(TranslationResult result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", RoutingTableYaml.toMap(result.table()));
    out.put("problems", result.problems());
    out.put("statuses", result.statuses());
    return Serialization.asYaml(out);
  }

  static TranslationResult translate(String inputYaml) {
    return new Translator(TranslatorConfig.defaults(),
        Clock.fixed(TestCertificates.TEST_NOW, ZoneOffset.UTC))
        .translate(Snapshots.fromYaml(inputYaml));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void golden(String name) throws IOException {
    String input = Files.readString(DIR.resolve(name + ".in.yaml"));
    String actual = render(translate(input));
    Path expectedFile = DIR.resolve(name + ".out.yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(expectedFile).as("golden file; run with -Dgolden.update=true to create it").exists();
    assertThat(actual).isEqualTo(Files.readString(expectedFile));
    // Never key material in any output.
    assertThat(actual).doesNotContain("PRIVATE KEY").doesNotContain("BEGIN");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void translationIsDeterministic(String name) throws IOException {
    String input = Files.readString(DIR.resolve(name + ".in.yaml"));
    assertThat(render(translate(input))).isEqualTo(render(translate(input)));
  }
}
