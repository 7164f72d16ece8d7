package io.grpcconformance.gateway.provider.file;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalizes a Secret read from a manifest as the API server stores it: {@code stringData} entries
 * are base64-encoded into {@code data} (winning over a {@code data} entry of the same key) and
 * {@code stringData} is dropped; the type defaults to {@code Opaque}. Never logs values.
 */
final class SecretData {
  private SecretData() {}

  /** Normalizes {@code secret}; returns the path of an invalid field (no value), or null. */
  static String normalize(Secret secret) {
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      for (Map.Entry<String, String> entry : secret.getData().entrySet()) {
        // YAML folding may leave line breaks inside long values; the API server rejects nothing
        // else, so strip whitespace and decode strictly.
        String value = entry.getValue() == null ? "" : entry.getValue().replaceAll("\\s", "");
        try {
          Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
          return "data." + entry.getKey() + ": not valid base64";
        }
        data.put(entry.getKey(), value);
      }
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((key, value) -> data.put(key,
          Base64.getEncoder().encodeToString(
              (value == null ? "" : value).getBytes(StandardCharsets.UTF_8))));
      secret.setStringData(null);
    }
    secret.setData(data);
    if (secret.getType() == null || secret.getType().isBlank()) {
      secret.setType("Opaque");
    }
    return null;
  }
}
