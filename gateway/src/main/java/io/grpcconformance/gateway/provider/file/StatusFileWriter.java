package io.grpcconformance.gateway.provider.file;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.provider.Snapshots;
import io.grpcconformance.gateway.provider.StatusEdits;
import io.grpcconformance.gateway.provider.StatusFields;
import io.grpcconformance.gateway.runtime.StatusSink;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Standalone mode's {@link StatusSink}: writes the status of every GatewayClass, Gateway, route and
 * Ingress to one file as multi-document YAML, each document a whole object ({@code apiVersion},
 * {@code kind}, {@code metadata}, {@code status}) in the shape the Kubernetes API would hold,
 * sorted by kind, namespace and name. Readers never see a half-written file: it is written to a
 * temporary file in the same folder and moved over the old one with {@code ATOMIC_MOVE}.
 *
 * <p>Condition {@code lastTransitionTime}s come from the clock here: kept from the previous write
 * (or from the file found at start) while a condition's status and reason stay the same.
 */
public final class StatusFileWriter implements StatusSink {
  private static final Logger LOG = Logger.getLogger(StatusFileWriter.class.getName());
  private static final List<String> KIND_ORDER =
      List.of("GatewayClass", "Gateway", "GRPCRoute", "HTTPRoute", "Ingress");
  private static final Comparator<HasMetadata> ORDER = Comparator
      .comparingInt((HasMetadata o) -> KIND_ORDER.indexOf(o.getKind()))
      .thenComparing(Snapshots.BY_NAMESPACE_AND_NAME);

  private final Path file;
  private final Optional<String> address;
  private final Clock clock;
  private Map<String, HasMetadata> written = new HashMap<>(); // runtime thread only
  private String lastText;

  /**
   * @param file where statuses are written; its folder is created if needed
   * @param address published in Gateway {@code status.addresses} where the translator left none
   */
  public StatusFileWriter(Path file, Optional<String> address, Clock clock) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.address = Objects.requireNonNull(address, "address");
    this.clock = Objects.requireNonNull(clock, "clock");
    readPrevious();
  }

  @Override
  public void publish(TranslationResult result) {
    Instant now = clock.instant();
    Map<String, HasMetadata> next = new HashMap<>();
    List<HasMetadata> documents = new ArrayList<>();
    for (HasMetadata status : result.statuses()) {
      if (!StatusFields.supports(status)) {
        continue;
      }
      // A copy: the translator's objects are shared (lastResult()) and must not change.
      HasMetadata fresh = ModelSerialization.MODEL.clone(status);
      StatusEdits.fillAddress(fresh, address);
      String key = Snapshots.describe(fresh);
      StatusEdits.stampTransitions(fresh, written.get(key), now);
      next.put(key, fresh);
      documents.add(fresh);
    }
    documents.sort(ORDER);
    String text = render(documents);
    if (text.equals(lastText)) {
      written = next;
      return;
    }
    try {
      writeAtomically(text);
      written = next;
      lastText = text;
    } catch (IOException e) {
      LOG.warning("status file " + file + ": write failed: " + e);
    }
  }

  private static String render(List<HasMetadata> documents) {
    StringBuilder text = new StringBuilder();
    for (HasMetadata document : documents) {
      JsonNode tree = ModelSerialization.MODEL.convertValue(document, JsonNode.class);
      ObjectNode whole = JsonNodeFactory.instance.objectNode();
      for (String field : List.of("apiVersion", "kind", "metadata", "status")) {
        if (tree.has(field)) {
          whole.set(field, tree.get(field));
        }
      }
      String yaml = ModelSerialization.MODEL.asYaml(whole);
      text.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
    }
    return text.toString();
  }

  private void writeAtomically(String text) throws IOException {
    Path folder = file.getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
    readableByAll(temp); // statuses are not secret; createTempFile makes files owner-only
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        LOG.warning("status file " + file + ": atomic move not supported, replacing in place");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void readableByAll(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep its defaults
    }
  }

  /** Seeds transition times from the file a previous run wrote; unreadable content is skipped. */
  private void readPrevious() {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      ManifestParser.Parsed parsed = ManifestParser.parse(file.toString(), content);
      for (ManifestParser.Located located : parsed.objects()) {
        written.put(Snapshots.describe(located.object()), located.object());
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("status file " + file + ": previous content not reused: "
          + e.getClass().getSimpleName());
    }
  }
}
