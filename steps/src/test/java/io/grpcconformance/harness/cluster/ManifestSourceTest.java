package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/manifests/calico.yaml";
  }

  @Test
  void readsALocalFileForAirGappedUsers(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("calico.yaml"), "kind: ConfigMap\n");
    ManifestSource source = new ManifestSource(file.toString(), "conformance.calico.manifest");

    assertThat(source.isUrl()).isFalse();
    assertThat(source.read(TIMEOUT)).isEqualTo("kind: ConfigMap\n");
  }

  @Test
  void aMissingFileNamesThePropertyAndTheFix(@TempDir Path dir) {
    String missing = dir.resolve("nope.yaml").toString();

    assertThatThrownBy(() -> new ManifestSource(missing, "conformance.calico.manifest").read(TIMEOUT))
        .isInstanceOf(ManifestException.class)
        .hasMessage("conformance.calico.manifest: file '" + missing + "' not found (fix: download it, or unset"
            + " conformance.calico.manifest to use the pinned URL)");
  }

  @Test
  void downloadsFromAUrl() throws IOException {
    String url = serve(200, "kind: DaemonSet\n");

    assertThat(new ManifestSource(url, "conformance.calico.manifest").read(TIMEOUT)).isEqualTo("kind: DaemonSet\n");
  }

  @Test
  void aNon200AnswerIsAnErrorWithTheStatus() throws IOException {
    String url = serve(404, "Not Found");

    assertThatThrownBy(() -> new ManifestSource(url, "conformance.gatewayApi.crds").read(TIMEOUT))
        .hasMessage("conformance.gatewayApi.crds: GET " + url + " answered 404 (fix: check the version, or set"
            + " -Dconformance.gatewayApi.crds=FILE)");
  }
}
