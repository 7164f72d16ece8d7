package io.grpcconformance.gateway.provider.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.grpcconformance.gateway.testkit.LogCapture;
import io.grpcconformance.gateway.testkit.SelfSignedCertificate;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder source: files, problems in the log, watching and rescanning. */
class ManifestFolderSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private final AtomicInteger signals = new AtomicInteger();
  private ManifestFolderSource source;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
  }

  private ManifestFolderSource start(boolean watch, Duration rescan) throws IOException {
    source = new ManifestFolderSource(dir, Duration.ofMillis(50), rescan, watch, CLOCK);
    source.start(signals::incrementAndGet);
    return source;
  }

  private static String service(String name, int port) {
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\nspec:\n  ports:\n"
        + "  - name: grpc\n    port: " + port + "\n";
  }

  private static int port(GatewaySnapshot snapshot, String name) {
    return snapshot.services().stream().filter(s -> s.getMetadata().getName().equals(name))
        .findFirst().map(s -> s.getSpec().getPorts().get(0).getPort()).orElse(-1);
  }

  @Test
  void start_readsEveryYamlFile_skipsOthers_andSignalsOnce() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), service("a", 1) + "---\n" + service("b", 2));
    Files.writeString(dir.resolve("c.yml"), service("c", 3));
    Files.writeString(dir.resolve("notes.txt"), service("ignored", 4));
    Files.writeString(dir.resolve(".hidden.yaml"), service("hidden", 5));

    start(false, Duration.ofHours(1));

    assertThat(source.snapshot().services()).extracting(s -> s.getMetadata().getName())
        .containsExactly("a", "b", "c");
    assertThat(signals).hasValue(1);
  }

  @Test
  void badDocuments_areLoggedOnceEach_andGoodOnesServed() throws IOException {
    Files.writeString(dir.resolve("mixed.yaml"), service("good", 1)
        + "---\napiVersion: gateway.intnetworking.k8s.io/v1\nkind: GRPCRoute\n"
        + "metadata: {name: typo-route}\n---\n" + service("also-good", 2));
    try (LogCapture log = LogCapture.start()) {
      start(false, Duration.ofMillis(50));
      Files.writeString(dir.resolve("other.yaml"), service("late", 3));
      await().atMost(WAIT).until(() -> port(source.snapshot(), "late") == 3);

      assertThat(log.linesContaining("typo-route")).containsExactly(
          dir.resolve("mixed.yaml") + " document 2 (GRPCRoute typo-route): unknown apiVersion/kind "
              + "gateway.intnetworking.k8s.io/v1 GRPCRoute; document ignored");
    }
    assertThat(source.snapshot().services()).extracting(s -> s.getMetadata().getName())
        .containsExactly("also-good", "good", "late");
  }

  @Test
  void keyMaterial_neverReachesTheLog() throws IOException {
    SelfSignedCertificate cert = SelfSignedCertificate.generate("example.com");
    String secret = cert.secretYaml("example-com-tls", "default");
    Files.writeString(dir.resolve("secrets.yaml"), secret + "---\n"
        + secret.replace("name: example-com-tls", "name: bad-tls").replace("type:", "typo:")
        + "---\n" + secret.replace("  tls.key", " tls.key"));
    try (LogCapture log = LogCapture.start()) {
      start(false, Duration.ofHours(1));

      assertThat(log.linesContaining("secrets.yaml document")).hasSize(2);
      assertThat(log.text())
          .doesNotContain(cert.keyBase64().substring(0, 40))
          .doesNotContain(cert.keyBase64().substring(cert.keyBase64().length() - 40))
          .doesNotContain(cert.keyBodyLine());
    }
    Secret read = source.snapshot().secrets().get(0);
    assertThat(read.getData()).containsEntry("tls.key", cert.keyBase64());
  }

  @Test
  void duplicateObject_keepsTheFirst_andReportsTheSecond() throws IOException {
    Files.writeString(dir.resolve("1.yaml"), service("svc", 1));
    Files.writeString(dir.resolve("2.yaml"), service("svc", 2));
    try (LogCapture log = LogCapture.start()) {
      start(false, Duration.ofHours(1));

      assertThat(log.linesContaining("duplicate")).containsExactly(dir.resolve("2.yaml")
          + " document 1 (Service default/svc): duplicate of " + dir.resolve("1.yaml")
          + " document 1; ignored");
    }
    assertThat(port(source.snapshot(), "svc")).isEqualTo(1);
  }

  @Test
  void watch_emitsNewSnapshotOnChange() throws IOException {
    Files.writeString(dir.resolve("svc.yaml"), service("svc", 1));
    start(true, Duration.ofHours(1)); // no periodic rescan: only the watch can notice
    int before = signals.get();

    Files.writeString(dir.resolve("svc.yaml"), service("svc", 2));

    await().atMost(WAIT).until(() -> port(source.snapshot(), "svc") == 2);
    assertThat(signals.get()).isGreaterThan(before);

    Files.delete(dir.resolve("svc.yaml"));
    await().atMost(WAIT).until(() -> source.snapshot().services().isEmpty());
  }

  @Test
  void periodicRescan_catchesChangesWithoutWatch() throws IOException {
    Files.writeString(dir.resolve("svc.yaml"), service("svc", 1));
    start(false, Duration.ofMillis(50));

    Files.writeString(dir.resolve("svc.yaml"), service("svc", 22)); // size differs

    await().atMost(WAIT).until(() -> port(source.snapshot(), "svc") == 22);
  }

  @Test
  void refresh_seesChangesAtOnce_andUnchangedContentDoesNotSignal() throws IOException {
    Files.writeString(dir.resolve("svc.yaml"), service("svc", 1));
    start(false, Duration.ofHours(1));
    int afterStart = signals.get();

    Files.writeString(dir.resolve("svc.yaml"), service("svc", 1)); // same bytes
    source.refresh();
    assertThat(signals).hasValue(afterStart);

    Files.writeString(dir.resolve("svc.yaml"), service("svc", 7));
    source.refresh();
    assertThat(signals).hasValue(afterStart + 1);
    assertThat(port(source.snapshot(), "svc")).isEqualTo(7);
  }

  @Test
  void metadata_generationFollowsSpecChanges_creationTimeIsKept() throws IOException {
    Files.writeString(dir.resolve("svc.yaml"), service("svc", 1));
    start(false, Duration.ofHours(1));
    Service first = source.snapshot().services().get(0);
    assertThat(first.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(first.getMetadata().getCreationTimestamp()).isEqualTo("2025-01-02T03:04:05Z");

    Files.writeString(dir.resolve("svc.yaml"),
        service("svc", 1).replace("name: svc", "name: svc\n  labels: {a: b}"));
    source.refresh();
    assertThat(source.snapshot().services().get(0).getMetadata().getGeneration()).isEqualTo(1L);

    Files.writeString(dir.resolve("svc.yaml"), service("svc", 2));
    source.refresh();
    Service changed = source.snapshot().services().get(0);
    assertThat(changed.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(changed.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
  }

  @Test
  void missingFolder_failsToStartWithItsName() {
    Path missing = dir.resolve("nope");
    source = new ManifestFolderSource(missing, Duration.ofMillis(50), Duration.ofHours(1));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.start(() -> {}))
        .hasMessageContaining(missing.toString());
  }
}
