package io.grpcconformance.gateway.reliability;

import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.samples.SampleServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded gateway in standalone mode serving only the corpus's known-good base ({@code
 * manifests/bad-input/base/base.yaml}): Greeter on greeter.example.com and User on user.example.com
 * at declared port 8080 (h2c), Greeter on secure.example.com at 8443 (TLS).
 */
final class BaseGateway implements AutoCloseable {
  /** How long start-up and each wait for the folder to be applied may take. */
  static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  private final SampleServer greeter;
  private final SampleServer user;
  private final CorpusMaterials materials;
  private final EmbeddedGateway gateway;
  private final Path folder;

  BaseGateway(Path folder) throws IOException {
    this(folder, true);
  }

  /** With {@code startGateway} false only the backends run and the folder is written. */
  BaseGateway(Path folder, boolean startGateway) throws IOException {
    this.folder = folder;
    greeter =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("greeter-base")
            .graceSeconds(1)
            .start();
    user = SampleServer.builder(SampleServer.Kind.USER).name("user-base").graceSeconds(1).start();
    materials = CorpusMaterials.generate(greeter.port(), user.port());
    write(
        "00-base.yaml",
        Files.readString(RepoPaths.badInputCorpus().resolve("base").resolve("base.yaml")));
    gateway = startGateway ? EmbeddedGateway.builder().manifests(folder).start() : null;
    if (gateway == null) {
      return;
    }
    gateway.awaitIdle(APPLY_TIMEOUT);
  }

  /** Writes {@code text} (placeholders replaced) as {@code name} into the manifests folder. */
  void write(String name, String text) throws IOException {
    Map<String, String> values = materials.placeholders();
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    // Written to a hidden temporary name, then moved: the folder never shows a half-written file.
    Path tmp = folder.resolve("." + name + ".tmp");
    Files.writeString(tmp, out, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        folder.resolve(name),
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  EmbeddedGateway gateway() {
    return gateway;
  }

  /** The bound port of declared port 8080 (h2c). */
  int httpPort() {
    return gateway.port(8080);
  }

  CorpusMaterials materials() {
    return materials;
  }

  SampleServer greeter() {
    return greeter;
  }

  SampleServer user() {
    return user;
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    user.shutdown(Duration.ofSeconds(1));
    greeter.shutdown(Duration.ofSeconds(1));
  }
}
