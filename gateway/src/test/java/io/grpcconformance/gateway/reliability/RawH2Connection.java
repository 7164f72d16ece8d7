package io.grpcconformance.gateway.reliability;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven HTTP/2 client connection over a raw socket, for traffic no well-behaved client
 * sends: arbitrary header names and values (HPACK-encoded by Netty's encoder without validation),
 * frames with any type, flags and payload, and bytes that are not HTTP/2 at all. A reader thread
 * parses frames, answers SETTINGS and PING (as any peer must) and queues everything it reads.
 */
final class RawH2Connection implements AutoCloseable {
  static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** RFC 9113 §4.2 default SETTINGS_MAX_FRAME_SIZE; larger header blocks are split. */
  private static final int MAX_FRAME = 16_384;

  private final Socket socket;
  private final OutputStream out;
  private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
  // Response header blocks may be up to 64 KiB here; the decoder must not be the limit.
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false, 1 << 20);
  private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean closedByPeer;
  private volatile boolean autoWindowUpdate = true;
  // Only once this side has sent its preface may it write frames (SETTINGS ACK, PING ACK, ...).
  private volatile boolean prefaceSent;

  /** End of the inbound stream: the peer closed the connection (or it failed). */
  record Closed(String why) {}

  private RawH2Connection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.reader = new Thread(this::readLoop, "raw-h2-reader-" + socket.getLocalPort());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Connects to 127.0.0.1:{@code port} without sending anything; the reader then only collects
   * frames and never answers them (a client that has not sent its preface must not).
   */
  static RawH2Connection connect(int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
    socket.setTcpNoDelay(true);
    return new RawH2Connection(socket);
  }

  /** Connects and sends the client preface and an empty SETTINGS frame. */
  static RawH2Connection open(int port, Duration timeout) throws IOException {
    RawH2Connection c = connect(port, timeout);
    c.writeRaw(PREFACE);
    c.writeFrame(H2Frame.SETTINGS, 0, 0, new byte[0]);
    c.prefaceSent = true;
    return c;
  }

  synchronized void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes one frame with exactly this header and payload (no validation). */
  synchronized void writeFrame(int type, int flags, int streamId, byte[] payload)
      throws IOException {
    writeRaw(frame(type, flags, streamId, payload));
  }

  static byte[] frame(int type, int flags, int streamId, byte[] payload) {
    byte[] f = new byte[9 + payload.length];
    f[0] = (byte) (payload.length >>> 16);
    f[1] = (byte) (payload.length >>> 8);
    f[2] = (byte) payload.length;
    f[3] = (byte) type;
    f[4] = (byte) flags;
    f[5] = (byte) ((streamId >>> 24) & 0x7F);
    f[6] = (byte) (streamId >>> 16);
    f[7] = (byte) (streamId >>> 8);
    f[8] = (byte) streamId;
    System.arraycopy(payload, 0, f, 9, payload.length);
    return f;
  }

  /** HPACK-encodes {@code headers} with this connection's encoder state. */
  synchronized byte[] encode(int streamId, Http2Headers headers) {
    ByteBuf buf = Unpooled.buffer();
    try {
      encoder.encodeHeaders(streamId, headers, buf);
      byte[] block = new byte[buf.readableBytes()];
      buf.readBytes(block);
      return block;
    } catch (Http2Exception e) {
      throw new IllegalStateException("HPACK encoding failed", e);
    } finally {
      buf.release();
    }
  }

  /** Sends a header block as HEADERS plus CONTINUATION frames when it exceeds 16 KiB. */
  synchronized void writeHeaders(int streamId, Http2Headers headers, boolean endStream)
      throws IOException {
    byte[] block = encode(streamId, headers);
    int first = Math.min(block.length, MAX_FRAME);
    int flags =
        (endStream ? H2Frame.END_STREAM : 0) | (first == block.length ? H2Frame.END_HEADERS : 0);
    writeFrame(H2Frame.HEADERS, flags, streamId, java.util.Arrays.copyOfRange(block, 0, first));
    for (int at = first; at < block.length; at += MAX_FRAME) {
      int end = Math.min(block.length, at + MAX_FRAME);
      writeFrame(
          H2Frame.CONTINUATION,
          end == block.length ? H2Frame.END_HEADERS : 0,
          streamId,
          java.util.Arrays.copyOfRange(block, at, end));
    }
  }

  /** Sends one gRPC length-prefixed message (uncompressed) in DATA frames. */
  synchronized void writeGrpcMessage(int streamId, byte[] message, boolean endStream)
      throws IOException {
    writeData(streamId, grpcFrame(message), endStream);
  }

  synchronized void writeData(int streamId, byte[] data, boolean endStream) throws IOException {
    if (data.length == 0) {
      writeFrame(H2Frame.DATA, endStream ? H2Frame.END_STREAM : 0, streamId, data);
      return;
    }
    for (int at = 0; at < data.length; at += MAX_FRAME) {
      int end = Math.min(data.length, at + MAX_FRAME);
      boolean last = end == data.length;
      writeFrame(
          H2Frame.DATA,
          last && endStream ? H2Frame.END_STREAM : 0,
          streamId,
          java.util.Arrays.copyOfRange(data, at, end));
    }
  }

  /** {@code [compressed=0][length][message]} (gRPC over HTTP/2 "Length-Prefixed-Message"). */
  static byte[] grpcFrame(byte[] message) {
    byte[] framed = new byte[5 + message.length];
    framed[1] = (byte) (message.length >>> 24);
    framed[2] = (byte) (message.length >>> 16);
    framed[3] = (byte) (message.length >>> 8);
    framed[4] = (byte) message.length;
    System.arraycopy(message, 0, framed, 5, message.length);
    return framed;
  }

  /** The next inbound frame (or {@link Closed}) within {@code timeout}, else null. */
  Object next(Duration timeout) throws InterruptedException {
    return inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Reads until stream {@code streamId} ends (END_STREAM or RST_STREAM), the connection is closed
   * or goes away, or {@code timeout} passes.
   */
  StreamResult awaitStream(int streamId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<H2Frame> frames = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new StreamResult(frames, StreamResult.End.TIMEOUT, null);
      }
      Object o = inbound.poll(left, TimeUnit.NANOSECONDS);
      if (o == null) {
        return new StreamResult(frames, StreamResult.End.TIMEOUT, null);
      }
      if (o instanceof Closed closed) {
        return new StreamResult(frames, StreamResult.End.CONNECTION_CLOSED, closed.why());
      }
      H2Frame f = (H2Frame) o;
      if (f.streamId() == streamId) {
        frames.add(f);
        if (f.type() == H2Frame.RST_STREAM) {
          return new StreamResult(frames, StreamResult.End.RESET, null);
        }
        if (f.has(H2Frame.END_STREAM)
            && (f.type() == H2Frame.DATA || f.type() == H2Frame.HEADERS)) {
          return new StreamResult(frames, StreamResult.End.COMPLETED, null);
        }
      } else if (f.type() == H2Frame.GOAWAY) {
        frames.add(f);
        long lastStream = H2Frame.readInt(f.payload(), 0) & 0x7FFFFFFFL;
        if (lastStream < streamId) {
          return new StreamResult(frames, StreamResult.End.GOAWAY, null);
        }
      }
    }
  }

  /**
   * Whether read DATA is acknowledged with WINDOW_UPDATE (default true); false = a stalled reader.
   */
  void autoWindowUpdate(boolean enabled) {
    this.autoWindowUpdate = enabled;
  }

  /** Whether the peer closed the connection. */
  boolean closedByPeer() {
    return closedByPeer;
  }

  private void readLoop() {
    try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
      ByteArrayOutputStream block = null;
      while (true) {
        int length =
            (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int streamId = in.readInt() & 0x7FFFFFFF;
        byte[] payload = new byte[length];
        in.readFully(payload);
        Http2Headers headers = null;
        if (type == H2Frame.HEADERS || type == H2Frame.CONTINUATION) {
          if (type == H2Frame.HEADERS) {
            block = new ByteArrayOutputStream();
            block.write(headerFragment(flags, payload));
          } else if (block != null) {
            block.write(payload);
          }
          if ((flags & H2Frame.END_HEADERS) != 0 && block != null) {
            headers = decode(streamId, block.toByteArray());
            block = null;
          }
        }
        if (!prefaceSent) {
          inbound.add(new H2Frame(type, flags, streamId, payload, headers));
          continue;
        }
        if (type == H2Frame.DATA && length > 0 && autoWindowUpdate) {
          // Flow control (RFC 9113 §6.9): give back what was read, on the stream and the
          // connection.
          byte[] increment = {
            (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
          };
          writeFrame(H2Frame.WINDOW_UPDATE, 0, 0, increment);
          writeFrame(H2Frame.WINDOW_UPDATE, 0, streamId, increment);
        }
        if (type == H2Frame.SETTINGS && (flags & H2Frame.ACK) == 0) {
          writeFrame(H2Frame.SETTINGS, H2Frame.ACK, 0, new byte[0]);
        } else if (type == H2Frame.PING && (flags & H2Frame.ACK) == 0) {
          writeFrame(H2Frame.PING, H2Frame.ACK, 0, payload);
        }
        inbound.add(new H2Frame(type, flags, streamId, payload, headers));
      }
    } catch (EOFException e) {
      closedByPeer = true;
      inbound.add(new Closed("EOF"));
    } catch (IOException e) {
      closedByPeer = true;
      inbound.add(new Closed(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  /** The header block fragment of a HEADERS payload, without padding and priority fields. */
  private static byte[] headerFragment(int flags, byte[] payload) {
    int start = 0;
    int end = payload.length;
    if ((flags & H2Frame.PADDED) != 0 && payload.length > 0) {
      start = 1;
      end -= payload[0] & 0xFF;
    }
    if ((flags & H2Frame.PRIORITY_FLAG) != 0) {
      start += 5;
    }
    return start <= end ? java.util.Arrays.copyOfRange(payload, start, end) : new byte[0];
  }

  private Http2Headers decode(int streamId, byte[] block) {
    ByteBuf buf = Unpooled.wrappedBuffer(block);
    try {
      return decoder.decodeHeaders(streamId, buf);
    } catch (Http2Exception e) {
      return null;
    } finally {
      buf.release();
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
