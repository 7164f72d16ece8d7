package io.grpcconformance.harness.grpc;

import io.grpc.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between gRPC {@link Metadata} and plain maps; binary values are base64 strings. */
public final class MetadataMaps {

  private MetadataMaps() {}

  /** Every entry of {@code md} in order; {@code -bin} values base64-encoded. */
  public static Map<String, List<String>> toMap(Metadata md) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (md == null) {
      return out;
    }
    for (String name : md.keys()) {
      List<String> values = new ArrayList<>();
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        Iterable<byte[]> raw = md.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
        if (raw != null) {
          raw.forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
        }
      } else {
        Iterable<String> raw = md.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        if (raw != null) {
          raw.forEach(values::add);
        }
      }
      out.put(name, Collections.unmodifiableList(values));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Metadata from a map; names are lower-cased by gRPC, {@code -bin} values are base64. */
  public static Metadata fromMap(Map<String, List<String>> map) {
    Metadata md = new Metadata();
    map.forEach(
        (name, values) -> {
          for (String v : values) {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
              md.put(
                  Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER),
                  Base64.getDecoder().decode(v.getBytes(StandardCharsets.US_ASCII)));
            } else {
              md.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), v);
            }
          }
        });
    return md;
  }
}
