package io.grpcconformance.gateway.provider.file;

import static io.grpcconformance.gateway.testkit.StatusFixtures.gateway;
import static io.grpcconformance.gateway.testkit.StatusFixtures.gatewayClass;
import static io.grpcconformance.gateway.testkit.StatusFixtures.result;
import static io.grpcconformance.gateway.testkit.StatusFixtures.route;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.testkit.MutableClock;
import io.grpcconformance.gateway.testkit.StatusFixtures;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone status file: shape, order, atomic replacement and transition times. */
class StatusFileWriterTest {
  private static final Instant T1 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T1);

  private Path file() {
    return dir.resolve("out/status.yaml");
  }

  private StatusFileWriter writer() {
    return new StatusFileWriter(file(), Optional.of("127.0.0.1"), clock);
  }

  private List<HasMetadata> read() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : Files.readString(file()).split("(?m)^---\\n")) {
      if (!document.isBlank()) {
        objects.add(ModelSerialization.MODEL.unmarshal(document));
      }
    }
    return objects;
  }

  private static Condition condition(HasMetadata route, String type) {
    return ((GRPCRoute) route).getStatus().getParents().get(0).getConditions().stream()
        .filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void writesWholeObjects_sortedByKindNamespaceName() throws IOException {
    writer().publish(result(route("b", "r2", "gw", "True"), route("a", "r9", "gw", "True"),
        gateway("a", "gw", "True"), gatewayClass("grpc-conformance", "True")));

    List<HasMetadata> objects = read();
    assertThat(objects).extracting(o -> o.getKind() + " " + o.getMetadata().getNamespace()
        + "/" + o.getMetadata().getName()).containsExactly(
        "GatewayClass null/grpc-conformance", "Gateway a/gw", "GRPCRoute a/r9", "GRPCRoute b/r2");
    String text = Files.readString(file());
    assertThat(text).startsWith("---\napiVersion: \"gateway.networking.k8s.io/v1\"\nkind:")
        .doesNotContain("spec:");
    assertThat(((GRPCRoute) objects.get(2)).getStatus().getParents().get(0).getControllerName())
        .isEqualTo(StatusFixtures.CONTROLLER);
  }

  @Test
  void transitionTimes_comeFromTheClock_andSurviveUnchangedStatusAndReason() throws IOException {
    StatusFileWriter writer = writer();
    writer.publish(result(route("a", "r", "gw", "False")));
    assertThat(condition(read().get(0), "ResolvedRefs").getLastTransitionTime())
        .isEqualTo("2025-03-01T10:00:00Z");

    clock.advance(Duration.ofMinutes(5));
    GRPCRoute changed = route("a", "r", "gw", "True");
    changed.getStatus().getParents().get(0).getConditions().get(0).setMessage("new message");
    writer.publish(result(changed));

    HasMetadata written = read().get(0);
    assertThat(condition(written, "ResolvedRefs").getLastTransitionTime())
        .isEqualTo("2025-03-01T10:05:00Z");
    assertThat(condition(written, "Accepted").getLastTransitionTime())
        .as("same status and reason, only the message changed")
        .isEqualTo("2025-03-01T10:00:00Z");
    assertThat(condition(written, "Accepted").getMessage()).isEqualTo("new message");
  }

  @Test
  void transitionTimes_surviveARestart() throws IOException {
    writer().publish(result(gateway("a", "gw", "True")));
    clock.advance(Duration.ofHours(1));

    writer().publish(result(gateway("a", "gw", "True")));

    Gateway gateway = (Gateway) read().get(0);
    assertThat(gateway.getStatus().getConditions())
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z"));
    assertThat(gateway.getStatus().getListeners().get(0).getConditions())
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-03-01T10:00:00Z"));
  }

  @Test
  void gatewayAddress_isPublishedTyped() throws IOException {
    writer().publish(result(gateway("a", "gw", "True")));

    Gateway gateway = (Gateway) read().get(0);
    assertThat(gateway.getStatus().getAddresses()).singleElement().satisfies(a -> {
      assertThat(a.getType()).isEqualTo("IPAddress");
      assertThat(a.getValue()).isEqualTo("127.0.0.1");
    });
  }

  @Test
  void unchangedStatuses_doNotRewriteTheFile() throws IOException {
    StatusFileWriter writer = writer();
    writer.publish(result(gateway("a", "gw", "True")));
    Object before = Files.readAttributes(file(), BasicFileAttributes.class).fileKey();

    clock.advance(Duration.ofMinutes(1));
    writer.publish(result(gateway("a", "gw", "True")));

    assertThat(Files.readAttributes(file(), BasicFileAttributes.class).fileKey())
        .as("every write moves a new file in place, so an unchanged inode means no write")
        .isEqualTo(before);
  }

  @Test
  void readers_alwaysSeeAWholeFile_andNoTemporaryFilesRemain() throws Exception {
    StatusFileWriter writer = writer();
    List<TranslationResult> results = List.of(
        result(gatewayClass("c", "True"), gateway("a", "gw", "True"),
            route("a", "r", "gw", "True")),
        result(gatewayClass("c", "False"), gateway("a", "gw", "False")));
    Set<String> wholeTexts = ConcurrentHashMap.newKeySet();
    for (TranslationResult r : results) {
      writer.publish(r);
      wholeTexts.add(Files.readString(file()));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    Thread reader = new Thread(() -> {
      while (writing.get()) {
        try {
          seen.merge(Files.readString(file()), 1, Integer::sum);
        } catch (NoSuchFileException e) {
          seen.merge("<missing>", 1, Integer::sum);
        } catch (IOException e) {
          seen.merge("<error " + e + ">", 1, Integer::sum);
        }
      }
    });
    reader.start();
    for (int i = 0; i < 300; i++) {
      writer.publish(results.get(i % 2));
    }
    writing.set(false);
    reader.join();

    assertThat(seen.keySet()).isNotEmpty()
        .allSatisfy(text -> assertThat(wholeTexts).contains(text));
    try (Stream<Path> files = Files.list(file().getParent())) {
      assertThat(files).containsExactly(file());
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-r--r--");
  }
}
