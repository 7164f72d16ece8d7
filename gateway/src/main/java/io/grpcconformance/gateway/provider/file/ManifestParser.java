package io.grpcconformance.gateway.provider.file;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.provider.file.YamlDocuments.Document;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one manifest file into typed fabric8 objects, each document on its own. A document it
 * cannot use becomes one problem line naming the file, the document's 1-based position, its
 * kind/name where known and why. Lines never quote document content: Jackson and SnakeYAML
 * messages echo values and source lines, so every reason is rebuilt from positions, paths and
 * types only (a Secret's key material must never reach a log).
 */
final class ManifestParser {
  static final String DEFAULT_NAMESPACE = "default";

  /** An object and where it was read from. */
  record Located(HasMetadata object, String file, int document) {
    String origin() {
      return file + " document " + document;
    }
  }

  /** What one file yielded. */
  record Parsed(List<Located> objects, List<String> problems) {}

  private ManifestParser() {}

  static Parsed parse(String file, String content) {
    List<Located> objects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Document document : YamlDocuments.split(content)) {
      DocumentLabel label = new DocumentLabel(file, document.index());
      try {
        HasMetadata object = read(document, label);
        if (object != null) {
          objects.add(new Located(object, file, document.index()));
        }
      } catch (DocumentProblem problem) {
        problems.add(label + ": " + problem.getMessage());
      }
    }
    return new Parsed(List.copyOf(objects), List.copyOf(problems));
  }

  private static HasMetadata read(Document document, DocumentLabel label) {
    checkSize(document.text());
    JsonNode node;
    try {
      node = ModelSerialization.STRICT_YAML.readTree(document.text());
    } catch (JacksonException e) {
      throw new DocumentProblem(yamlReason(e, document.firstLine()));
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null; // an empty document, e.g. only comments
    }
    if (!node.isObject()) {
      throw new DocumentProblem("not a Kubernetes object (expected a mapping)");
    }
    String apiVersion = text(node.path("apiVersion"));
    String kind = text(node.path("kind"));
    label.known(kind, text(node.path("metadata").path("namespace")),
        text(node.path("metadata").path("name")));
    if (apiVersion == null) {
      throw new DocumentProblem("missing apiVersion");
    }
    if (kind == null) {
      throw new DocumentProblem("missing kind");
    }
    Class<? extends HasMetadata> type = ManifestKinds.type(apiVersion, kind);
    if (type == null) {
      throw new DocumentProblem("unknown apiVersion/kind " + apiVersion + " " + kind
          + "; document ignored");
    }
    label.scoped(ManifestKinds.clusterScoped(type));
    if (apiVersion.equals(ManifestKinds.REFERENCE_GRANT_V1BETA1)) {
      ((ObjectNode) node).put("apiVersion", "gateway.networking.k8s.io/v1");
    }
    HasMetadata object;
    try {
      object = ModelSerialization.MODEL.convertValue(node, type);
    } catch (IllegalArgumentException e) {
      // The message quotes the offending value: only the cause's path and type are used.
      throw new DocumentProblem(fieldReason(e.getCause()));
    }
    List<String> unknown = UnknownFields.find(object);
    if (!unknown.isEmpty()) {
      String fields = unknown.size() == 1 ? "unknown field " : "unknown fields ";
      throw new DocumentProblem(fields + String.join(", ", unknown));
    }
    if (object.getMetadata() == null || blank(object.getMetadata().getName())) {
      throw new DocumentProblem("missing metadata.name");
    }
    if (ManifestKinds.clusterScoped(type)) {
      object.getMetadata().setNamespace(null);
    } else if (blank(object.getMetadata().getNamespace())) {
      object.getMetadata().setNamespace(DEFAULT_NAMESPACE);
    }
    if (object instanceof Secret secret) {
      String bad = SecretData.normalize(secret);
      if (bad != null) {
        throw new DocumentProblem("invalid field " + bad);
      }
    }
    return object;
  }

  /**
   * Refuses, before parsing, a document the YAML reader would refuse only after reading up to its
   * limit (seconds for megabytes), and with a bare "syntax error". A String has at least as many
   * chars as code points, so the exact count is only needed above the limit.
   */
  private static void checkSize(String text) {
    int limit = ModelSerialization.YAML_CODE_POINT_LIMIT;
    if (text.length() <= limit) {
      return;
    }
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints > limit) {
      throw new DocumentProblem("unparseable YAML: the document has " + codePoints
          + " code points, above the YAML reader's size limit (SnakeYAML codePointLimit,"
          + " configured to " + limit + " code points = " + mebibytes(limit) + " MiB);"
          + " split it into smaller documents or files");
    }
  }

  private static String mebibytes(int codePoints) {
    double mib = codePoints / (1024.0 * 1024.0);
    return mib == Math.rint(mib) ? String.valueOf((long) mib) : String.format("%.1f", mib);
  }

  /** A YAML syntax error by position and SnakeYAML's problem phrase; never the source line. */
  private static String yamlReason(JacksonException e, int firstLine) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MarkedYamlEngineException marked && marked.getProblemMark().isPresent()) {
        var mark = marked.getProblemMark().get();
        return "unparseable YAML at line " + (firstLine + mark.getLine())
            + " column " + (mark.getColumn() + 1) + ": " + marked.getProblem();
      }
    }
    TokenStreamLocation location = e.getLocation();
    String where = location == null || location.getLineNr() < 1 ? ""
        : " at line " + (firstLine + location.getLineNr() - 1)
            + " column " + location.getColumnNr();
    String original = e.getOriginalMessage();
    String why = original != null && original.startsWith("Duplicate")
        ? "duplicate key " + original.substring(original.lastIndexOf(' ') + 1)
        : "syntax error";
    return "unparseable YAML" + where + ": " + why;
  }

  /** A typed-model error by field path and expected type; never the offending value. */
  private static String fieldReason(Throwable e) {
    String path = e instanceof DatabindException d ? JsonPaths.of(d.getPath()) : "";
    String expected = "";
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      expected = ": expected " + JsonPaths.describe(mismatch.getTargetType());
    }
    return "invalid field " + (path.isEmpty() ? "(document root)" : path)
        + (expected.isEmpty() ? ": value cannot be read" : expected);
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asString() : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Thrown for a document that cannot be used; the message is safe to log. */
  private static final class DocumentProblem extends RuntimeException {
    DocumentProblem(String message) {
      super(message, null, false, false);
    }
  }
}
