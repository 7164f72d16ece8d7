package io.grpcconformance.cli;

import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses {@code -H 'KEY: VALUE'} options into request metadata. Error messages name the key or the
 * option's position, never the value (it may be a password or a token).
 */
final class RequestMetadata {

  private RequestMetadata() {}

  /** Metadata in option order; keys lower-cased as gRPC sends them. */
  static Map<String, List<String>> parse(List<String> options) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < options.size(); i++) {
      String option = options.get(i);
      int colon = option.indexOf(':');
      if (colon <= 0 || option.substring(0, colon).isBlank()) {
        throw CliFailure.badInput(
            "-H number " + (i + 1) + " is not 'KEY: VALUE' (it needs a key before a ':')");
      }
      String key = option.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = option.substring(colon + 1).stripLeading();
      check(key, value);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static void check(String key, String value) {
    try {
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER);
      } else {
        Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER);
      }
    } catch (IllegalArgumentException e) {
      throw CliFailure.badInput(
          "-H " + key + ": not a valid metadata key (allowed: a-z 0-9 - _ .)");
    }
    if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      try {
        Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        throw CliFailure.badInput("-H " + key + ": the value of a -bin key must be base64");
      }
    } else if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw CliFailure.badInput(
          "-H " + key + ": the value must be printable ASCII (use a -bin key for binary values)");
    }
  }
}
