package io.grpcconformance.gateway.reliability;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One expected outcome of a bad-input corpus file, as written in {@code
 * manifests/bad-input/expectations.yaml} (the file's header documents every kind and key).
 *
 * @param file the corpus file it belongs to
 * @param kind error, condition, noParentStatus, call or notBound
 * @param values every other key of the entry, as text
 */
record CorpusExpectation(String file, String kind, Map<String, String> values) {

  /** The value of {@code key}, or null. */
  String get(String key) {
    return values.get(key);
  }

  /** The value of {@code key} as an int, or {@code fallback}. */
  int getInt(String key, int fallback) {
    String value = values.get(key);
    return value == null ? fallback : Integer.parseInt(value);
  }

  /** Whether the gateway is known not to meet this expectation yet (see {@code knownGap}). */
  boolean knownGap() {
    return values.containsKey("knownGap");
  }

  /** A short description for failure messages and the report. */
  String describe() {
    Map<String, String> shown = new java.util.TreeMap<>(values);
    shown.remove("knownGap");
    return file + " " + kind + " " + shown;
  }

  /** Reads every expectation of {@code expectationsYaml}, in file order. */
  static List<CorpusExpectation> load(Path expectationsYaml) throws IOException {
    JsonNode cases =
        Serialization.yamlMapper().readTree(Files.readString(expectationsYaml)).path("cases");
    if (!cases.isObject() || cases.isEmpty()) {
      throw new IllegalStateException(expectationsYaml + ": no 'cases' mapping");
    }
    List<CorpusExpectation> all = new ArrayList<>();
    for (Map.Entry<String, JsonNode> file : cases.properties()) {
      if (!file.getValue().isArray() || file.getValue().isEmpty()) {
        throw new IllegalStateException(
            expectationsYaml + ": " + file.getKey() + " needs a non-empty list of expectations");
      }
      for (JsonNode entry : file.getValue()) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : entry.properties()) {
          values.put(field.getKey(), field.getValue().asString());
        }
        String kind = values.remove("kind");
        if (kind == null) {
          throw new IllegalStateException(
              expectationsYaml + ": " + file.getKey() + ": an expectation without kind");
        }
        all.add(new CorpusExpectation(file.getKey(), kind, Map.copyOf(values)));
      }
    }
    return List.copyOf(all);
  }
}
