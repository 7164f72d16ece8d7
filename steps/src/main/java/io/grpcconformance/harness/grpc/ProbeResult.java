package io.grpcconformance.harness.grpc;

import io.grpc.Status;
import io.grpcconformance.samples.proto.echo.Header;
import io.grpcconformance.samples.proto.echo.RequestEcho;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a probe call observed at the client, plus what the backend reported about itself and about
 * the request it received (the {@code x-served-*} and {@code x-request-echo-bin} response headers
 * every sample service sends).
 *
 * @param code the final gRPC status code
 * @param description the status description, or empty
 * @param headers response headers ({@code -bin} values base64)
 * @param trailers response trailers (for trailers-only answers, everything is here)
 * @param echo what the backend saw, decoded from {@code x-request-echo-bin}; empty when no backend
 *     answered
 * @param responsesJson the response messages as protobuf JSON (base64 for unknown methods)
 * @param tls the TLS facts of the connection, for TLS dials that got a session
 * @param elapsed time from start to close
 */
public record ProbeResult(
    Status.Code code,
    String description,
    Map<String, List<String>> headers,
    Map<String, List<String>> trailers,
    Optional<RequestEcho> echo,
    List<String> responsesJson,
    Optional<TlsFacts> tls,
    Duration elapsed) {

  /** Response header naming the answering instance ({@code --name}). */
  public static final String SERVED_BY = "x-served-by";

  /** Response header naming the pod. */
  public static final String SERVED_POD = "x-served-pod";

  /** Response header naming the namespace. */
  public static final String SERVED_NAMESPACE = "x-served-namespace";

  /** Response header naming the fully qualified method the backend ran. */
  public static final String SERVED_METHOD = "x-served-method";

  /** Response header set by the gateway when it answered itself (e.g. {@code unmatched}). */
  public static final String GATEWAY_ANSWER = "x-gateway-answer";

  public ProbeResult {
    Objects.requireNonNull(code, "code");
    description = description == null ? "" : description;
    headers = Map.copyOf(headers);
    trailers = Map.copyOf(trailers);
    Objects.requireNonNull(echo, "echo");
    responsesJson = List.copyOf(responsesJson);
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** First value of a response header, looked up in headers then trailers; empty string if none. */
  public String header(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    List<String> v = headers.get(n);
    if (v == null || v.isEmpty()) {
      v = trailers.get(n);
    }
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /** All values of a response header in headers and trailers. */
  public List<String> headerValues(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return java.util.stream.Stream.concat(
            headers.getOrDefault(n, List.of()).stream(),
            trailers.getOrDefault(n, List.of()).stream())
        .toList();
  }

  public String servedBy() {
    return header(SERVED_BY);
  }

  public String servedPod() {
    return header(SERVED_POD);
  }

  public String servedNamespace() {
    return header(SERVED_NAMESPACE);
  }

  public String servedMethod() {
    return header(SERVED_METHOD);
  }

  /**
   * The backend that served the call, as the Gateway API suite derives it: the {@code x-served-by}
   * name, or the pod name without its last two {@code -} segments.
   */
  public String backend() {
    if (!servedBy().isEmpty()) {
      return servedBy();
    }
    String pod = servedPod();
    String[] parts = pod.split("-");
    return parts.length > 2
        ? String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2))
        : pod;
  }

  /** Whether a sample backend answered (it always sends {@code x-served-by}). */
  public boolean reachedBackend() {
    return !servedBy().isEmpty() || echo.isPresent();
  }

  /** Values of request header {@code name} as the backend received them (case-insensitive). */
  public List<String> echoedHeader(String name) {
    return echo.map(
            e ->
                e.getHeadersList().stream()
                    .filter(h -> h.getName().equalsIgnoreCase(name))
                    .map(Header::getValue)
                    .toList())
        .orElse(List.of());
  }

  /** The {@code :authority} the backend received, or empty. */
  public String echoedAuthority() {
    return echo.map(RequestEcho::getAuthority).orElse("");
  }

  /** One line for logs and assertion messages; never includes credentials. */
  public String summary() {
    return code
        + (description.isEmpty() ? "" : " (" + description + ")")
        + (reachedBackend() ? " served by " + backend() + " pod " + servedPod() : " no backend")
        + (header(GATEWAY_ANSWER).isEmpty() ? "" : " gateway-answer=" + header(GATEWAY_ANSWER))
        + tls.map(t -> " tls " + t.protocol() + " alpn=" + t.alpn() + " peer=" + t.peerSubject())
            .orElse("");
  }
}
