package io.grpcconformance.gateway.dataplane;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Marshals {@link Frame}s without decoding them: one copy in (exact-size array for the common
 * {@link KnownLength} stream) and one copy out (the outgoing stream is {@link KnownLength} and
 * {@link Drainable}, so grpc-java's MessageFramer writes it in one call instead of copying through
 * an 8 KiB scratch buffer; performance.md §2c).
 */
enum FrameMarshaller implements MethodDescriptor.Marshaller<Frame> {
  INSTANCE;

  @Override
  public InputStream stream(Frame frame) {
    return new FrameStream(frame.bytes);
  }

  @Override
  public Frame parse(InputStream stream) {
    // The pass-through decompressor marks this thread while the payload is read through it, which
    // tells a compressed message from a plain one (see PassThroughCompression).
    boolean[] compressed = PassThroughCompression.compressedFlag();
    compressed[0] = false;
    try {
      byte[] bytes = stream instanceof KnownLength
          ? stream.readNBytes(stream.available())
          : stream.readAllBytes();
      return new Frame(bytes, compressed[0]);
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("reading a message failed").withCause(e)
          .asRuntimeException();
    }
  }

  /** The outgoing message stream: known length, drained in one write. */
  private static final class FrameStream extends ByteArrayInputStream
      implements KnownLength, Drainable {
    FrameStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
