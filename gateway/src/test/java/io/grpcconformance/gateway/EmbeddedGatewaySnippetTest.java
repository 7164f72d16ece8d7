package io.grpcconformance.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.gateway.testkit.LogCapture;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding snippet: it compiles, runs, and the README quotes it verbatim. */
class EmbeddedGatewaySnippetTest {
  private static final Path README = Path.of("README.md");
  private static final Path SELF =
      Path.of("src/test/java/io/grpcconformance/gateway/EmbeddedGatewaySnippetTest.java");

  @TempDir Path work;

  @Test
  void snippetRuns() {
    Path manifestsDir = Path.of("../manifests/examples/grpc-routing-guide");
    Path statusFile = work.resolve("status.yaml");
    try (LogCapture log = LogCapture.start()) {
      // embedded-gateway {
      try (EmbeddedGateway gateway = EmbeddedGateway.builder()
          .manifests(manifestsDir)             // or .kubernetesClient(client)
          .statusFile(statusFile)              // optional: statuses as multi-document YAML
          .start()) {                          // returns once the manifests are applied
        int port = gateway.port(443);          // 127.0.0.1:port serves listener port 443 (-1: none)
        Map<Integer, Integer> ports = gateway.ports();
        // ... edit a manifest, then wait until the change is served:
        gateway.awaitIdle(Duration.ofSeconds(10));
        TranslationResult result = gateway.lastResult(); // routing table, statuses, problems
      }
      // }
      assertThat(statusFile).exists();
      assertThat(log.linesContaining("typo-apiversion.yaml document 1")).hasSize(1);
    }
  }

  @Test
  void readmeQuotesTheSnippet() throws IOException {
    Matcher snippet = Pattern.compile("// embedded-gateway \\{\\n(.*?)\\n\\s*// }", Pattern.DOTALL)
        .matcher(Files.readString(SELF));
    assertThat(snippet.find()).isTrue();
    String code = snippet.group(1).stripIndent().strip();

    assertThat(Files.readString(README)).contains(code);
  }
}
