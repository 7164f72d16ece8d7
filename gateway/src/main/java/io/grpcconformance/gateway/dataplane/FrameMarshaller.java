package io.grpcconformance.gateway.dataplane;

import io.grpc.Detachable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;

/**
 * Marshals {@link Frame}s without decoding them.
 *
 * <p>Parsing: grpc-netty hands an uncompressed message over as a {@link KnownLength} and {@link
 * Detachable} stream over the received transport buffers (grpc-java's zero-copy path, the one
 * ProtoLiteUtils uses). A message of {@link #DETACH_THRESHOLD} bytes or more keeps that buffer
 * ({@link Detachable#detach()}); a smaller one is copied into an exact-size array, which costs less
 * than detaching (a detach allocates a composite buffer and a stream). Compressed messages arrive
 * through the decompressor's stream and are copied.
 *
 * <p>Serializing: {@link Frame#stream()}, drained in one pass (performance.md §2c).
 */
enum FrameMarshaller implements MethodDescriptor.Marshaller<Frame> {
  INSTANCE;

  /** Smallest message kept in its transport buffer instead of being copied (bytes). */
  static final int DETACH_THRESHOLD = 1024;

  @Override
  public InputStream stream(Frame frame) {
    return frame.stream();
  }

  @Override
  public Frame parse(InputStream stream) {
    try {
      if (stream instanceof KnownLength && stream instanceof Detachable) {
        // The deframer's own buffer stream: an uncompressed message (a compressed one would come
        // wrapped by the decompressor).
        int length = stream.available();
        if (length >= DETACH_THRESHOLD) {
          return Frame.detached(((Detachable) stream).detach(), length);
        }
        byte[] bytes = new byte[length];
        if (stream.readNBytes(bytes, 0, length) != length) {
          throw new IOException("message shorter than its " + length + " bytes");
        }
        return Frame.of(bytes, false);
      }
      // The pass-through decompressor marks this thread while the payload is read through it,
      // which tells a compressed message from a plain one (see PassThroughCompression).
      boolean[] compressed = PassThroughCompression.compressedFlag();
      compressed[0] = false;
      byte[] bytes = stream.readAllBytes();
      return Frame.of(bytes, compressed[0]);
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("reading a message failed").withCause(e)
          .asRuntimeException();
    }
  }
}
