package io.grpcconformance.samples.echo;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpcconformance.samples.proto.echo.Header;
import io.grpcconformance.samples.proto.echo.RequestEcho;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** Builds the {@link RequestEcho} a sample service sends back in {@code x-request-echo-bin}. */
final class RequestEchoes {

  /** Longer values are echoed as {@code truncated:sha256:<hex>:bytes=<n>}. */
  static final int MAX_VALUE_CHARS = 1024;

  /**
   * Budget for the serialized echo. grpc-java and grpc-core clients accept 8 KiB of response
   * metadata by default; 4 KiB base64-encoded (about 5.5 KiB) leaves room for the other headers.
   */
  static final int MAX_ECHO_BYTES = 4096;

  /** Name of the entry added when headers were left out; ':' cannot start a real metadata key. */
  static final String TRUNCATED_MARKER = ":echo-truncated";

  private RequestEchoes() {}

  static RequestEcho build(
      ServerIdentity identity, String fullMethodName, String authority, Metadata requestHeaders) {
    RequestEcho.Builder echo =
        RequestEcho.newBuilder()
            .setMethod("/" + fullMethodName)
            .setAuthority(authority == null ? "" : authority)
            .setServedBy(identity.name())
            .setPod(identity.pod())
            .setNamespace(identity.namespace());
    // InternalMetadata.serialize is the only grpc-java API that keeps the arrival order of entries
    // across keys (Metadata.keys() is an unordered set). Binary values come back decoded (raw).
    byte[][] entries = InternalMetadata.serialize(requestHeaders);
    int total = entries.length / 2;
    int used = echo.build().getSerializedSize();
    int kept = 0;
    for (int i = 0; i < total; i++) {
      String name = new String(entries[2 * i], StandardCharsets.US_ASCII);
      Header header =
          Header.newBuilder().setName(name).setValue(echoValue(name, entries[2 * i + 1])).build();
      // Each repeated entry costs its size plus a tag byte and a length varint (at most 3 bytes).
      int cost = header.getSerializedSize() + 4;
      if (used + cost > MAX_ECHO_BYTES - 64) {
        break;
      }
      echo.addHeaders(header);
      used += cost;
      kept++;
    }
    if (kept < total) {
      echo.addHeaders(
          Header.newBuilder()
              .setName(TRUNCATED_MARKER)
              .setValue((total - kept) + " of " + total + " headers omitted")
              .build());
    }
    return echo.build();
  }

  /** The echoed value: redacted for secrets, base64 for binary keys, truncated when long. */
  static String echoValue(String name, byte[] raw) {
    if (Redaction.isSecret(name)) {
      return Redaction.redact(raw);
    }
    String value =
        name.endsWith(Metadata.BINARY_HEADER_SUFFIX)
            ? Base64.getEncoder().encodeToString(raw)
            : new String(raw, StandardCharsets.ISO_8859_1);
    if (value.length() > MAX_VALUE_CHARS) {
      return "truncated:sha256:"
          + HexFormat.of().formatHex(Redaction.sha256(raw))
          + ":bytes="
          + raw.length;
    }
    return value;
  }
}
