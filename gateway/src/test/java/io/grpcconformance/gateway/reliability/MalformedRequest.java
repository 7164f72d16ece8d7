package io.grpcconformance.gateway.reliability;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A unary gRPC request over raw HTTP/2 with one thing wrong, and the answer the gateway must give:
 * an HTTP status plus grpc-status (what grpc-java's transport answers for a request that is HTTP/2
 * but not gRPC), a grpc-status alone, an RST_STREAM with an error code (RFC 9113 §8.1.1 malformed
 * requests are stream errors of type PROTOCOL_ERROR), or a GOAWAY for the connection.
 *
 * @param name what is wrong
 * @param mutate changes to a valid request's headers
 * @param data the DATA payload (null: one empty, well-formed gRPC message)
 * @param expected the answer
 */
record MalformedRequest(String name, Consumer<Http2Headers> mutate, byte[] data, Answer expected) {

  /** RFC 9113 §7 error codes used below. */
  static final long PROTOCOL_ERROR = 0x1;

  static final long INTERNAL_ERROR = 0x2;

  /** An expected answer; null fields are not checked. */
  record Answer(String httpStatus, java.util.Set<Integer> grpcStatus, Long resetCode, boolean goAway) {
    static Answer http(int status, int grpc) {
      return new Answer(Integer.toString(status), java.util.Set.of(grpc), null, false);
    }

    static Answer httpOnly(int status) {
      return new Answer(Integer.toString(status), null, null, false);
    }

    static Answer grpc(int grpc) {
      return new Answer("200", java.util.Set.of(grpc), null, false);
    }

    /** Any one of {@code grpc}: for answers whose code depends on which side notices first. */
    static Answer grpcAnyOf(int... grpc) {
      return new Answer("200",
          java.util.Arrays.stream(grpc).boxed().collect(java.util.stream.Collectors.toSet()),
          null, false);
    }

    static Answer reset(long code) {
      return new Answer(null, null, code, false);
    }

    static Answer connectionError() {
      return new Answer(null, null, null, true);
    }

    boolean matches(StreamResult r) {
      if (goAway) {
        return r.frames().stream().anyMatch(f -> f.type() == H2Frame.GOAWAY)
            || r.end() == StreamResult.End.CONNECTION_CLOSED;
      }
      if (resetCode != null) {
        return r.end() == StreamResult.End.RESET && r.resetCode() == resetCode;
      }
      return r.end() == StreamResult.End.COMPLETED
          && (httpStatus == null || httpStatus.equals(r.httpStatus()))
          && (grpcStatus == null || grpcStatus.contains(r.grpcStatus()));
    }

    @Override
    public String toString() {
      if (goAway) {
        return "GOAWAY";
      }
      if (resetCode != null) {
        return "RST_STREAM " + resetCode;
      }
      return ":status " + httpStatus + (grpcStatus != null ? " grpc-status " + grpcStatus : "");
    }
  }

  /** Sends the request on a new connection to {@code port} and reads the answer. */
  StreamResult send(int port, String authority, String path, Duration timeout)
      throws IOException, InterruptedException {
    try (RawH2Connection c = RawH2Connection.open(port, timeout)) {
      Http2Headers headers = AuthAttackRunner.grpcRequestHeaders(authority, path);
      mutate.accept(headers);
      try {
        c.writeHeaders(1, headers, false);
        c.writeData(1, data != null ? data : RawH2Connection.grpcFrame(new byte[0]), true);
      } catch (IOException e) {
        // The gateway may close the connection before the whole request is written.
      }
      return c.awaitStream(1, timeout);
    }
  }
}
