package io.grpcconformance.gateway.reliability;

import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;

/**
 * One HTTP/2 frame as read from the wire (RFC 9113 §4.1); HEADERS and CONTINUATION blocks are
 * reassembled and decoded, so {@link #headers()} is set on the HEADERS frame that ends the block.
 */
record H2Frame(int type, int flags, int streamId, byte[] payload, Http2Headers headers) {
  static final int DATA = 0x0;
  static final int HEADERS = 0x1;
  static final int PRIORITY = 0x2;
  static final int RST_STREAM = 0x3;
  static final int SETTINGS = 0x4;
  static final int PUSH_PROMISE = 0x5;
  static final int PING = 0x6;
  static final int GOAWAY = 0x7;
  static final int WINDOW_UPDATE = 0x8;
  static final int CONTINUATION = 0x9;

  static final int END_STREAM = 0x1;
  static final int ACK = 0x1;
  static final int END_HEADERS = 0x4;
  static final int PADDED = 0x8;
  static final int PRIORITY_FLAG = 0x20;

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** The error code of RST_STREAM or GOAWAY, else -1. */
  long errorCode() {
    if (type == RST_STREAM && payload.length >= 4) {
      return readInt(payload, 0);
    }
    if (type == GOAWAY && payload.length >= 8) {
      return readInt(payload, 4);
    }
    return -1;
  }

  static long readInt(byte[] b, int at) {
    return ((b[at] & 0xFFL) << 24)
        | ((b[at + 1] & 0xFFL) << 16)
        | ((b[at + 2] & 0xFFL) << 8)
        | (b[at + 3] & 0xFFL);
  }

  @Override
  public String toString() {
    String[] names = {
      "DATA",
      "HEADERS",
      "PRIORITY",
      "RST_STREAM",
      "SETTINGS",
      "PUSH_PROMISE",
      "PING",
      "GOAWAY",
      "WINDOW_UPDATE",
      "CONTINUATION"
    };
    String name = type < names.length ? names[type] : "type" + type;
    return name
        + "[stream "
        + streamId
        + ", flags "
        + flags
        + ", "
        + payload.length
        + " bytes"
        + (headers != null ? ", " + headers : "")
        + (errorCode() >= 0 ? ", error " + errorCode() : "")
        + "]";
  }
}
