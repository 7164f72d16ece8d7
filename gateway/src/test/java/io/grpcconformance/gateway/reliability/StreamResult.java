package io.grpcconformance.gateway.reliability;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.util.List;

/**
 * What a raw HTTP/2 stream received and how it ended, with the HTTP and gRPC status it carried.
 *
 * @param frames every frame of the stream (and any GOAWAY) in arrival order
 * @param end how reading stopped
 * @param closeReason why the connection closed, for {@link End#CONNECTION_CLOSED}
 */
record StreamResult(List<H2Frame> frames, End end, String closeReason) {

  /** How reading the stream stopped. */
  enum End {
    COMPLETED,
    RESET,
    GOAWAY,
    CONNECTION_CLOSED,
    TIMEOUT
  }

  /** The {@code :status} of the first header block, or null. */
  String httpStatus() {
    for (H2Frame f : frames) {
      if (f.headers() != null && f.headers().status() != null) {
        return f.headers().status().toString();
      }
    }
    return null;
  }

  /** {@code grpc-status} from the last header block carrying it (trailers), or null. */
  Integer grpcStatus() {
    Integer status = null;
    for (H2Frame f : frames) {
      Http2Headers h = f.headers();
      if (h != null && h.get("grpc-status") != null) {
        status = Integer.parseInt(h.get("grpc-status").toString());
      }
    }
    return status;
  }

  /** The value of {@code name} in any header block, or null. */
  String header(String name) {
    for (H2Frame f : frames) {
      if (f.headers() != null && f.headers().get(name) != null) {
        return f.headers().get(name).toString();
      }
    }
    return null;
  }

  /** The RST_STREAM error code, or -1. */
  long resetCode() {
    return frames.stream()
        .filter(f -> f.type() == H2Frame.RST_STREAM)
        .mapToLong(H2Frame::errorCode)
        .findFirst()
        .orElse(-1);
  }

  /** The bytes of every DATA frame, concatenated. */
  byte[] data() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    frames.stream().filter(f -> f.type() == H2Frame.DATA).forEach(f -> out.writeBytes(f.payload()));
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return end
        + (closeReason != null ? " (" + closeReason + ")" : "")
        + " :status="
        + httpStatus()
        + " grpc-status="
        + grpcStatus()
        + " reset="
        + resetCode()
        + " frames="
        + frames;
  }
}
