package io.grpcconformance.gateway.dataplane;

import io.grpc.CallOptions;
import io.grpc.ClientStreamTracer;
import io.grpc.Codec;
import io.grpc.Compressor;
import io.grpc.CompressorRegistry;
import io.grpc.Decompressor;
import io.grpc.DecompressorRegistry;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Relays compressed gRPC messages untouched. The gateway's server and channels register, for each
 * encoding in {@link #ENCODINGS}, a "compressor" and "decompressor" that do nothing: grpc-java then
 * hands the proxy the compressed bytes and writes them back with the compressed flag set. The
 * per-message flag survives through {@link Frame#compressed} ({@code setMessageCompression} on
 * the outgoing call), and the request's {@code grpc-encoding} becomes the outgoing call's
 * compression.
 *
 * <p>Responses: grpc-java only compresses towards a client that advertised the encoding in
 * {@code grpc-accept-encoding}, and the client transport replaces that header with its own
 * registry's list. So channels advertise nothing, and {@link #FORWARD_ACCEPT_ENCODING} re-inserts
 * the client's own list (restricted to {@link #ENCODINGS}) into the backend request. A backend
 * that compresses anyway with an encoding the client did not accept is decoded here ({@link
 * #decode}) rather than relayed corrupt.
 */
final class PassThroughCompression {

  /** The message encodings relayed without decoding (gRPC's standard ones besides identity). */
  static final Set<String> ENCODINGS = Set.of("gzip", "deflate");

  static final Metadata.Key<String> ENCODING_KEY =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> ACCEPT_ENCODING_KEY =
      Metadata.Key.of("grpc-accept-encoding", Metadata.ASCII_STRING_MARSHALLER);

  /** Compressors for the server (responses) and channels (requests). */
  static final CompressorRegistry COMPRESSORS = CompressorRegistry.newEmptyInstance();
  /** Server side: accepts and advertises every relayed encoding. */
  static final DecompressorRegistry SERVER_DECOMPRESSORS;
  /** Channel side: accepts every relayed encoding, advertises none (see class comment). */
  static final DecompressorRegistry CHANNEL_DECOMPRESSORS;

  private static final CallOptions.Key<String> CLIENT_ACCEPT_ENCODING =
      CallOptions.Key.create("gateway.client-accept-encoding");
  private static final ThreadLocal<boolean[]> COMPRESSED_FLAG =
      ThreadLocal.withInitial(() -> new boolean[1]);
  private static final ClientStreamTracer NOOP_TRACER = new ClientStreamTracer() {};
  /** Client grpc-accept-encoding value → its relayed part; bounded against invented values. */
  private static final Map<String, String> RELAYED_ACCEPT_ENCODING = new ConcurrentHashMap<>();
  private static final int MAX_CACHED_ACCEPT_ENCODINGS = 256;

  /** Puts the client's accepted encodings (a call option) into the outgoing request headers. */
  static final ClientStreamTracer.Factory FORWARD_ACCEPT_ENCODING =
      new ClientStreamTracer.Factory() {
        @Override
        public ClientStreamTracer newClientStreamTracer(
            ClientStreamTracer.StreamInfo info, Metadata headers) {
          // Runs after grpc-java replaced grpc-accept-encoding; headers may be mutated here.
          String accepted = info.getCallOptions().getOption(CLIENT_ACCEPT_ENCODING);
          if (accepted != null) {
            headers.discardAll(ACCEPT_ENCODING_KEY);
            headers.put(ACCEPT_ENCODING_KEY, accepted);
          }
          return NOOP_TRACER;
        }
      };

  static {
    DecompressorRegistry server = DecompressorRegistry.emptyInstance().with(Codec.Identity.NONE,
        false);
    DecompressorRegistry channel = server;
    COMPRESSORS.register(Codec.Identity.NONE);
    for (String encoding : ENCODINGS) {
      COMPRESSORS.register(new Relay(encoding));
      server = server.with(new Relay(encoding), true);
      channel = channel.with(new Relay(encoding), false);
    }
    SERVER_DECOMPRESSORS = server;
    CHANNEL_DECOMPRESSORS = channel;
  }

  private PassThroughCompression() {}

  /** This thread's "last message was read through a relay decompressor" flag. */
  static boolean[] compressedFlag() {
    return COMPRESSED_FLAG.get();
  }

  /** Whether {@code encoding} (a grpc-encoding value) needs compression on the outgoing call. */
  static boolean isRelayed(String encoding) {
    return encoding != null && ENCODINGS.contains(encoding);
  }

  /**
   * {@code options} carrying the client's {@code grpc-accept-encoding}, restricted to the relayed
   * encodings, for {@link #FORWARD_ACCEPT_ENCODING}; unchanged when nothing remains.
   */
  static CallOptions forwardAcceptEncoding(CallOptions options, String clientAcceptEncoding) {
    if (clientAcceptEncoding == null) {
      return options;
    }
    // Clients send the same few values on every call ("gzip" from grpc-java, "identity,deflate,
    // gzip" from grpc-go...), so the filtered list is parsed once per distinct value.
    String accepted = RELAYED_ACCEPT_ENCODING.get(clientAcceptEncoding);
    if (accepted == null) {
      accepted = relayedAcceptEncoding(clientAcceptEncoding);
      if (RELAYED_ACCEPT_ENCODING.size() < MAX_CACHED_ACCEPT_ENCODINGS) {
        RELAYED_ACCEPT_ENCODING.put(clientAcceptEncoding, accepted);
      }
    }
    return accepted.isEmpty() ? options : options
        .withOption(CLIENT_ACCEPT_ENCODING, accepted)
        .withStreamTracerFactory(FORWARD_ACCEPT_ENCODING);
  }

  /** The relayed encodings of a grpc-accept-encoding list, comma-separated; empty if none. */
  private static String relayedAcceptEncoding(String clientAcceptEncoding) {
    StringBuilder accepted = new StringBuilder();
    for (String encoding : clientAcceptEncoding.split(",")) {
      String trimmed = encoding.trim().toLowerCase(Locale.ROOT);
      if (ENCODINGS.contains(trimmed)) {
        accepted.append(accepted.length() == 0 ? "" : ",").append(trimmed);
      }
    }
    return accepted.toString();
  }

  /** Whether a {@code grpc-accept-encoding} list contains {@code encoding}. */
  static boolean accepts(String acceptEncoding, String encoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String candidate : acceptEncoding.split(",")) {
      if (candidate.trim().equalsIgnoreCase(encoding)) {
        return true;
      }
    }
    return false;
  }

  /** The decompressed form of a compressed frame (only for a client that cannot accept it). */
  static Frame decode(Frame frame, String encoding) {
    if (!frame.compressed) {
      return frame;
    }
    try (InputStream in = "gzip".equals(encoding)
        ? new GZIPInputStream(new ByteArrayInputStream(frame.bytes()))
        : new InflaterInputStream(new ByteArrayInputStream(frame.bytes()))) {
      return Frame.of(in.readAllBytes(), false);
    } catch (IOException e) {
      throw Status.INTERNAL.withDescription("backend sent a corrupt " + encoding + " message")
          .withCause(e).asRuntimeException();
    }
  }

  /** A codec that leaves bytes as they are, and marks the reading thread on decompression. */
  private static final class Relay implements Compressor, Decompressor {
    private final String encoding;

    Relay(String encoding) {
      this.encoding = encoding;
    }

    @Override
    public String getMessageEncoding() {
      return encoding;
    }

    @Override
    public OutputStream compress(OutputStream os) {
      return os;
    }

    @Override
    public InputStream decompress(InputStream is) {
      return new MarkingStream(is);
    }
  }

  /** Sets the reading thread's compressed flag whenever the message is read through it. */
  private static final class MarkingStream extends FilterInputStream {
    MarkingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      COMPRESSED_FLAG.get()[0] = true;
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      COMPRESSED_FLAG.get()[0] = true;
      return in.read(b, off, len);
    }
  }
}
