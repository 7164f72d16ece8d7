package io.grpcconformance.gateway.dataplane;

/**
 * One gRPC message as the proxy relays it: the payload bytes exactly as they arrived (still
 * compressed when the sender compressed them) and whether the sender set the compressed flag.
 */
final class Frame {
  final byte[] bytes;
  final boolean compressed;

  Frame(byte[] bytes, boolean compressed) {
    this.bytes = bytes;
    this.compressed = compressed;
  }
}
