package io.grpcconformance.gateway.dataplane;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One gRPC message as the proxy relays it: the payload bytes exactly as they arrived (still
 * compressed when the sender compressed them) and whether the sender set the compressed flag.
 *
 * <p>The payload is either a heap array or, for large messages, the receiving transport's own
 * buffer, detached from grpc-java's deframer ({@link io.grpc.Detachable}) so it is never copied to
 * the heap: the sending side drains it straight into its outgoing transport buffer ({@link
 * #stream()} is {@link KnownLength} and {@link Drainable}, so grpc-java's MessageFramer allocates
 * the exact outgoing buffer and writes it in one pass).
 *
 * <p>Ownership of a detached buffer: the frame holds it until the outgoing framer drained it (the
 * framer then closes the stream), or until {@link #release()}, whichever comes first; a call that
 * ends with a frame still unsent must release it (see {@link CallProxy}). The two may run on
 * different threads (a backend call still waiting for its connection drains on the thread that
 * connects it), so they synchronize on the frame.
 */
final class Frame {
  /** Copy buffer for draining detached payloads; event loops drain one frame at a time. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16384]);

  final boolean compressed;
  private final int length;
  private byte[] bytes; // the heap payload, or null while detached
  private InputStream detached; // guarded by this; null once drained or released

  private Frame(byte[] bytes, InputStream detached, int length, boolean compressed) {
    this.bytes = bytes;
    this.detached = detached;
    this.length = length;
    this.compressed = compressed;
  }

  /** A frame over a heap copy of the payload. */
  static Frame of(byte[] bytes, boolean compressed) {
    return new Frame(bytes, null, bytes.length, compressed);
  }

  /** A frame owning {@code detached}, an uncompressed transport buffer of {@code length} bytes. */
  static Frame detached(InputStream detached, int length) {
    return new Frame(null, detached, length, false);
  }

  int length() {
    return length;
  }

  /** The payload as a heap array; a detached buffer is copied once and released. */
  synchronized byte[] bytes() {
    if (bytes == null) {
      byte[] copy = new byte[length];
      try (InputStream in = takeDetached()) {
        if (in.readNBytes(copy, 0, length) != length) {
          throw new IOException("transport buffer shorter than its " + length + " bytes");
        }
      } catch (IOException e) {
        throw new IllegalStateException("reading a relayed message failed", e);
      }
      bytes = copy;
    }
    return bytes;
  }

  /** Frees a detached buffer that was not drained; no effect otherwise. Idempotent. */
  synchronized void release() {
    if (bytes == null && detached != null) {
      closeQuietly(detached);
      detached = null;
    }
  }

  /** The outgoing message stream for grpc-java's framer. */
  InputStream stream() {
    return new OutgoingStream();
  }

  private synchronized int drainTo(OutputStream target) throws IOException {
    if (bytes != null) {
      target.write(bytes, 0, length);
      return length;
    }
    byte[] scratch = SCRATCH.get();
    int written = 0;
    try (InputStream in = takeDetached()) {
      int read;
      while (written < length && (read = in.read(scratch, 0, scratch.length)) > 0) {
        target.write(scratch, 0, read);
        written += read;
      }
    }
    return written;
  }

  private InputStream takeDetached() throws IOException {
    InputStream in = detached;
    if (in == null) {
      throw new IOException("relayed message already sent or released (its call ended)");
    }
    detached = null;
    return in;
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException ignored) {
      // Releasing a transport buffer does not fail in practice; nothing else to do.
    }
  }

  /** Known length, drained in one pass; closing it releases what was not drained. */
  private final class OutgoingStream extends InputStream implements KnownLength, Drainable {
    private boolean drained;
    private InputStream fallback; // only if someone reads instead of draining

    @Override
    public int available() throws IOException {
      return drained ? 0 : fallback != null ? fallback.available() : length;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      if (drained || fallback != null) {
        throw new IOException("message stream already consumed");
      }
      drained = true;
      return Frame.this.drainTo(target);
    }

    @Override
    public int read() throws IOException {
      return reader().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return reader().read(b, off, len);
    }

    @Override
    public void close() {
      release();
    }

    private InputStream reader() throws IOException {
      if (drained) {
        throw new IOException("message stream already drained");
      }
      if (fallback == null) {
        fallback = new ByteArrayInputStream(bytes());
      }
      return fallback;
    }
  }
}
