package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Kubernetes YAML into fabric8 model objects strictly: unknown fields, kinds and apiVersions are errors.
 *
 * <p>fabric8's models collect unknown fields into {@code additionalProperties} through a {@code @JsonAnySetter},
 * so a misspelt field ({@code contianers:}) is silently dropped by the normal deserializer. Here the any-setter
 * is switched off and {@code FAIL_ON_UNKNOWN_PROPERTIES} is on, so the same typo is a one-line error naming the
 * file, the document, the object and the field path.
 */
public final class StrictManifestReader {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  // Building it scans the class path for model classes: once per JVM (ObjectMapper is thread-safe).
  private static final StrictSerialization serialization = new StrictSerialization();

  /** Reads every document of a YAML file (empty documents are skipped). */
  public List<HasMetadata> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(file + ": cannot read: " + e.getMessage(), e);
    }
    return read(file.toString(), text);
  }

  /** Reads every document of YAML text; {@code origin} names it in errors. */
  public List<HasMetadata> read(String origin, String yamlText) {
    List<HasMetadata> objects = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yamlText)) {
      while (true) {
        JsonNode doc;
        try {
          if (!docs.hasNextValue()) {
            break;
          }
          doc = docs.nextValue();
        } catch (JacksonException e) {
          throw new ManifestException(origin + ": document " + (index + 1) + ": not valid YAML: "
              + e.getOriginalMessage(), e);
        }
        index++;
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        objects.add(toModel(origin + ": document " + index, doc));
      }
    }
    return objects;
  }

  private HasMetadata toModel(String where, JsonNode doc) {
    String apiVersion = text(doc, "apiVersion");
    String kind = text(doc, "kind");
    if (apiVersion == null || kind == null) {
      throw fail(where + ": missing " + (apiVersion == null ? "apiVersion" : "kind"));
    }
    String name = doc.path("metadata").path("name").asString("");
    String what = where + " (" + kind + (name.isEmpty() ? "" : " " + name) + ")";
    Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
    if (type == null || type == GenericKubernetesResource.class || !HasMetadata.class.isAssignableFrom(type)) {
      throw fail(what + ": unknown apiVersion/kind " + apiVersion + "/" + kind);
    }
    try {
      return (HasMetadata) serialization.strictMapper().treeToValue(doc, type);
    } catch (UnrecognizedPropertyException e) {
      throw fail(what + ": unknown field '" + path(e) + "'");
    } catch (JacksonException e) {
      throw fail(what + ": invalid field '" + path(e) + "': " + e.getOriginalMessage());
    }
  }

  private static String text(JsonNode doc, String field) {
    JsonNode node = doc.get(field);
    return node == null || !node.isString() || node.asString().isBlank() ? null : node.asString();
  }

  /** The JSON path of the failing field, e.g. {@code spec.template.spec.containers[0].imagePullPolicyy}. */
  static String path(JacksonException e) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static ManifestException fail(String message) {
    return new ManifestException(message);
  }

  /** fabric8's serialization (kind registry, modules) on a mapper without any-setters and with unknown fields fatal. */
  private static final class StrictSerialization extends KubernetesSerialization {
    private ObjectMapper configured;

    StrictSerialization() {
      super(JsonMapper.builder()
          .annotationIntrospector(new NoAnySetterIntrospector())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build(), true);
    }

    @Override
    protected ObjectMapper configureMapper(ObjectMapper mapper) {
      // Called from the super constructor: keep the configured mapper (fabric8 modules included).
      configured = super.configureMapper(mapper);
      return configured;
    }

    ObjectMapper strictMapper() {
      return configured;
    }
  }

  /** Ignores {@code @JsonAnySetter}, so unknown properties reach FAIL_ON_UNKNOWN_PROPERTIES. */
  private static final class NoAnySetterIntrospector extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
      return Boolean.FALSE;
    }
  }
}
