package io.grpcconformance.gateway.reliability;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link AuthAttack}s against one target (a User service, or a gateway routing to one) and
 * tallies the outcomes: an attack that ends OK is a bypass; one that ends with an outcome it does
 * not allow is unexpected.
 */
final class AuthAttackRunner {
  /** Deadline of each attempt. */
  static final Duration ATTEMPT_DEADLINE = Duration.ofSeconds(5);

  /** One attempt and how it ended. */
  record Attempt(AuthAttack attack, String outcome, String detail) {
    boolean bypass() {
      return "OK".equals(outcome);
    }

    boolean expected() {
      return attack.allowed().contains("OK") ? bypass() : attack.accepts(outcome);
    }

    @Override
    public String toString() {
      return attack.name() + " -> " + outcome + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
  }

  private final ManagedChannel channel;
  private final int port;
  private final String authority;

  /**
   * @param channel a plaintext channel to the target (used for gRPC-client attacks)
   * @param port the target port on 127.0.0.1 (used for raw HTTP/2 attacks)
   * @param authority the {@code :authority} to send
   */
  AuthAttackRunner(ManagedChannel channel, int port, String authority) {
    this.channel = channel;
    this.port = port;
    this.authority = authority;
  }

  List<Attempt> runAll(List<AuthAttack> attacks) throws IOException, InterruptedException {
    List<Attempt> attempts = new ArrayList<>();
    for (AuthAttack attack : attacks) {
      attempts.add(attack.raw() ? raw(attack) : grpc(attack));
    }
    return attempts;
  }

  private Attempt grpc(AuthAttack attack) {
    Metadata metadata = new Metadata();
    for (AuthAttack.Header h : attack.headers()) {
      if (h.name().endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        metadata.put(Metadata.Key.of(h.name(), Metadata.BINARY_BYTE_MARSHALLER), h.value());
      } else {
        metadata.put(
            Metadata.Key.of(h.name(), Metadata.ASCII_STRING_MARSHALLER),
            new String(h.value(), StandardCharsets.ISO_8859_1));
      }
    }
    CallOutcome outcome =
        RawUnary.call(
            channel,
            authority,
            "com.example.User/" + attack.method(),
            metadata,
            attack.body(),
            ATTEMPT_DEADLINE);
    return new Attempt(attack, outcome.code().name(), outcome.answeredBy());
  }

  private Attempt raw(AuthAttack attack) throws IOException, InterruptedException {
    try (RawH2Connection c = RawH2Connection.open(port, ATTEMPT_DEADLINE)) {
      Http2Headers headers = grpcRequestHeaders(authority, "/com.example.User/" + attack.method());
      attack
          .headers()
          .forEach(h -> headers.add(new AsciiString(h.name()), new AsciiString(h.value())));
      boolean trailers = !attack.trailers().isEmpty();
      c.writeHeaders(1, headers, false);
      c.writeGrpcMessage(1, attack.body(), !trailers);
      if (trailers) {
        Http2Headers t = new DefaultHttp2Headers(false);
        attack
            .trailers()
            .forEach(h -> t.add(new AsciiString(h.name()), new AsciiString(h.value())));
        c.writeHeaders(1, t, true);
      }
      StreamResult result = c.awaitStream(1, ATTEMPT_DEADLINE);
      return new Attempt(
          attack,
          label(result),
          "raw "
              + result.end()
              + (result.httpStatus() != null ? " :status " + result.httpStatus() : ""));
    }
  }

  /** The request headers of a unary gRPC call over h2c, without validation. */
  static Http2Headers grpcRequestHeaders(String authority, String path) {
    Http2Headers headers = new DefaultHttp2Headers(false);
    headers.method("POST").scheme("http").path(path).authority(authority);
    headers.add("content-type", "application/grpc");
    headers.add("te", "trailers");
    return headers;
  }

  /** A gRPC code name when the stream carried grpc-status, else how it ended (RESET, ...). */
  static String label(StreamResult result) {
    Integer grpc = result.grpcStatus();
    if (grpc != null) {
      return io.grpc.Status.fromCodeValue(grpc).getCode().name();
    }
    return result.end().name();
  }
}
