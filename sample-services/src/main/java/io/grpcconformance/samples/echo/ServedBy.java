package io.grpcconformance.samples.echo;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Metadata;
import io.grpcconformance.samples.proto.echo.RequestEcho;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sample service reported about a call it served, decoded from the response headers: {@code
 * x-served-by}, {@code x-served-pod}, {@code x-served-namespace}, {@code x-served-method}, {@code
 * x-request-authority} and the request metadata echoed in {@code x-request-echo-bin}.
 *
 * @param name the instance name ({@code --name})
 * @param pod the pod name
 * @param namespace the namespace
 * @param method the full method the backend served, e.g. {@code /helloworld.Greeter/SayHello}
 * @param authority the {@code :authority} the backend received
 * @param headers every request metadata entry in arrival order (binary values base64, secrets
 *     redacted, see {@link Redaction})
 */
public record ServedBy(
    String name,
    String pod,
    String namespace,
    String method,
    String authority,
    List<EchoedHeader> headers) {

  /** The serving instance's {@code --name}. */
  public static final Metadata.Key<String> SERVED_BY = ascii("x-served-by");

  /** The serving pod (POD_NAME, hostname fallback). */
  public static final Metadata.Key<String> SERVED_POD = ascii("x-served-pod");

  /** The serving namespace (POD_NAMESPACE, "local" fallback). */
  public static final Metadata.Key<String> SERVED_NAMESPACE = ascii("x-served-namespace");

  /** The full method served, {@code /pkg.Service/Method}. */
  public static final Metadata.Key<String> SERVED_METHOD = ascii("x-served-method");

  /** The {@code :authority} the backend received. */
  public static final Metadata.Key<String> REQUEST_AUTHORITY = ascii("x-request-authority");

  /** A serialized {@code grpcconformance.echo.RequestEcho}. */
  public static final Metadata.Key<byte[]> REQUEST_ECHO =
      Metadata.Key.of("x-request-echo-bin", Metadata.BINARY_BYTE_MARSHALLER);

  /** Name of the entry appended to {@link #headers()} when the echo had to leave headers out. */
  public static final String TRUNCATED_MARKER = RequestEchoes.TRUNCATED_MARKER;

  /** One echoed request metadata entry. */
  public record EchoedHeader(String name, String value) {}

  /** Copies the header list. */
  public ServedBy {
    headers = List.copyOf(headers);
  }

  /**
   * Decodes the response headers of a call; empty when they carry no {@code x-served-by} (the
   * response did not come from a sample service).
   *
   * @throws IllegalArgumentException when {@code x-request-echo-bin} is not a RequestEcho
   */
  public static Optional<ServedBy> fromHeaders(Metadata responseHeaders) {
    String name = responseHeaders.get(SERVED_BY);
    if (name == null) {
      return Optional.empty();
    }
    byte[] echoBytes = responseHeaders.get(REQUEST_ECHO);
    RequestEcho echo = RequestEcho.getDefaultInstance();
    if (echoBytes != null) {
      try {
        echo = RequestEcho.parseFrom(echoBytes);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(
            "x-request-echo-bin is not a RequestEcho: " + e.getMessage(), e);
      }
    }
    List<EchoedHeader> headers =
        echo.getHeadersList().stream()
            .map(h -> new EchoedHeader(h.getName(), h.getValue()))
            .toList();
    return Optional.of(
        new ServedBy(
            name,
            orEmpty(responseHeaders.get(SERVED_POD)),
            orEmpty(responseHeaders.get(SERVED_NAMESPACE)),
            orEmpty(responseHeaders.get(SERVED_METHOD)),
            orEmpty(responseHeaders.get(REQUEST_AUTHORITY)),
            headers));
  }

  /** Every echoed value of request metadata key {@code name} (case-insensitive), in order. */
  public List<String> headerValues(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return headers.stream().filter(h -> h.name().equals(key)).map(EchoedHeader::value).toList();
  }

  /** The first echoed value of request metadata key {@code name}, if it reached the backend. */
  public Optional<String> header(String name) {
    return headerValues(name).stream().findFirst();
  }

  /**
   * Whether secret header {@code name} reached the backend with exactly the value {@code secret}.
   */
  public boolean receivedSecret(String name, String secret) {
    return headerValues(name).contains(Redaction.redact(secret));
  }

  /** Whether the echo left some request headers out (it is capped at a few KiB). */
  public boolean echoTruncated() {
    return headers.stream().anyMatch(h -> h.name().equals(TRUNCATED_MARKER));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static Metadata.Key<String> ascii(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
