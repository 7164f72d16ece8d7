package io.grpcconformance.harness.grpc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One unary call a probe makes.
 *
 * @param dial where and how to connect
 * @param method {@code package.Service/Method}, with or without a leading slash
 * @param requestJson the request message in protobuf JSON; {@code {}} for an empty message
 * @param metadata request metadata; names ending in {@code -bin} take base64 values
 * @param deadline the call's deadline
 */
public record ProbeRequest(
    Dial dial,
    String method,
    String requestJson,
    Map<String, List<String>> metadata,
    Duration deadline) {

  public ProbeRequest {
    Objects.requireNonNull(dial, "dial");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestJson, "requestJson");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    metadata.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    metadata = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(deadline, "deadline");
  }

  /** The method path as sent on the wire: {@code /package.Service/Method}. */
  public String path() {
    return method.startsWith("/") ? method : "/" + method;
  }

  /** A copy with one more metadata value. */
  public ProbeRequest withMetadata(String name, String value) {
    Map<String, List<String>> m = new LinkedHashMap<>(metadata);
    m.merge(
        name,
        List.of(value),
        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
    return new ProbeRequest(dial, method, requestJson, m, deadline);
  }

  /** A copy with another body. */
  public ProbeRequest withBody(String json) {
    return new ProbeRequest(dial, method, json, metadata, deadline);
  }
}
