package io.grpcconformance.gateway.reliability;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates mutated HTTP/2 connections from valid gRPC exchanges: each case is the byte stream a
 * client writes (preface, frames), derived deterministically from a seed and the case number so a
 * failing case can be replayed alone. Mutations act on whole frames (type, flags, stream id, length
 * field, order, duplication, removal, insertion) and on bytes (bit flips, HPACK block corruption,
 * truncation, random chunks), one to four per case.
 */
final class Http2Fuzzer {
  private final long seed;
  private final List<List<byte[]>> seeds;

  /**
   * @param headerBlocks HPACK blocks of valid requests, encoded with a fresh encoder each
   */
  Http2Fuzzer(long seed, List<byte[]> headerBlocks, byte[] message) {
    this.seed = seed;
    List<List<byte[]>> all = new ArrayList<>();
    for (byte[] block : headerBlocks) {
      all.add(unary(block, message));
      all.add(continued(block, message));
      all.add(padded(block, message));
      all.add(chatty(block, message));
    }
    this.seeds = List.copyOf(all);
  }

  /** The HPACK block of a unary gRPC request, from a fresh encoder (static table + literals). */
  static byte[] headerBlock(String authority, String path) {
    Http2Headers headers = AuthAttackRunner.grpcRequestHeaders(authority, path);
    ByteBuf buf = Unpooled.buffer();
    try {
      new DefaultHttp2HeadersEncoder().encodeHeaders(1, headers, buf);
      byte[] block = new byte[buf.readableBytes()];
      buf.readBytes(block);
      return block;
    } catch (Http2Exception e) {
      throw new IllegalStateException("HPACK encoding failed", e);
    } finally {
      buf.release();
    }
  }

  /** The bytes of case {@code index}: always the same for the same seed and index. */
  byte[] caseBytes(int index) {
    Random random = new Random(seed * 1_000_003L + index);
    List<byte[]> frames = new ArrayList<>();
    for (byte[] f : seeds.get(random.nextInt(seeds.size()))) {
      frames.add(f.clone());
    }
    int mutations = 1 + random.nextInt(4);
    boolean keepPreface = random.nextInt(50) != 0;
    for (int m = 0; m < mutations; m++) {
      mutate(frames, random);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (keepPreface) {
      out.writeBytes(RawH2Connection.PREFACE);
    } else {
      byte[] preface = RawH2Connection.PREFACE.clone();
      preface[random.nextInt(preface.length)] ^= (byte) (1 + random.nextInt(255));
      out.writeBytes(preface);
    }
    frames.forEach(out::writeBytes);
    byte[] bytes = out.toByteArray();
    if (random.nextInt(8) == 0) {
      bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)); // truncate
    }
    return bytes;
  }

  private static void mutate(List<byte[]> frames, Random r) {
    if (frames.isEmpty()) {
      frames.add(randomFrame(r));
      return;
    }
    int i = r.nextInt(frames.size());
    byte[] f = frames.get(i);
    if (f.length < 9) { // a random chunk, not a frame: only its bytes can change
      flipBits(f, r, 1 + r.nextInt(8));
      return;
    }
    switch (r.nextInt(12)) {
      case 0 -> f[3] = (byte) r.nextInt(256); // any type, including unknown ones (must be ignored)
      case 1 -> f[4] = (byte) r.nextInt(256); // flags
      case 2 ->
          setStreamId(
              f,
              switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 2 * r.nextInt(100); // even: server-initiated ids
                case 2 -> Integer.MAX_VALUE;
                default -> 1 + 2 * r.nextInt(1000);
              });
      case 3 -> setLength(f, Math.max(0, payloadLength(f) + r.nextInt(64) - 32)); // length lies
      case 4 -> flipBits(f, r, 1 + r.nextInt(8));
      case 5 -> frames.add(r.nextInt(frames.size() + 1), randomFrame(r));
      case 6 -> frames.add(i, f.clone()); // duplicate
      case 7 -> frames.remove(i);
      case 8 -> {
        int j = r.nextInt(frames.size());
        frames.set(i, frames.get(j));
        frames.set(j, f);
      }
      case 9 -> { // corrupt the payload only (HPACK, gRPC framing, settings values)
        if (f.length > 9) {
          for (int k = 0; k < 1 + r.nextInt(4); k++) {
            f[9 + r.nextInt(f.length - 9)] = (byte) r.nextInt(256);
          }
        }
      }
      case 10 -> {
        byte[] chunk = new byte[1 + r.nextInt(32)];
        r.nextBytes(chunk);
        frames.add(r.nextInt(frames.size() + 1), chunk); // bytes that are not a frame
      }
      default -> setLength(f, r.nextInt(1 << 24)); // a huge declared length
    }
  }

  private static byte[] randomFrame(Random r) {
    byte[] payload = new byte[r.nextInt(64)];
    r.nextBytes(payload);
    int[] types = {
      H2Frame.DATA,
      H2Frame.HEADERS,
      H2Frame.PRIORITY,
      H2Frame.RST_STREAM,
      H2Frame.SETTINGS,
      H2Frame.PUSH_PROMISE,
      H2Frame.PING,
      H2Frame.GOAWAY,
      H2Frame.WINDOW_UPDATE,
      H2Frame.CONTINUATION,
      0x0a,
      0x10,
      0xff
    };
    return RawH2Connection.frame(
        types[r.nextInt(types.length)],
        r.nextInt(256),
        r.nextInt(4) == 0 ? 0 : 1 + 2 * r.nextInt(8),
        payload);
  }

  private static List<byte[]> unary(byte[] block, byte[] message) {
    return new ArrayList<>(
        List.of(
            RawH2Connection.frame(H2Frame.SETTINGS, 0, 0, new byte[0]),
            RawH2Connection.frame(H2Frame.HEADERS, H2Frame.END_HEADERS, 1, block),
            RawH2Connection.frame(
                H2Frame.DATA, H2Frame.END_STREAM, 1, RawH2Connection.grpcFrame(message))));
  }

  private static List<byte[]> continued(byte[] block, byte[] message) {
    int half = block.length / 2;
    return new ArrayList<>(
        List.of(
            RawH2Connection.frame(H2Frame.SETTINGS, 0, 0, new byte[] {0, 4, 0, 1, 0, 0}),
            RawH2Connection.frame(H2Frame.HEADERS, 0, 1, java.util.Arrays.copyOf(block, half)),
            RawH2Connection.frame(
                H2Frame.CONTINUATION,
                H2Frame.END_HEADERS,
                1,
                java.util.Arrays.copyOfRange(block, half, block.length)),
            RawH2Connection.frame(H2Frame.DATA, 0, 1, RawH2Connection.grpcFrame(message)),
            RawH2Connection.frame(H2Frame.DATA, H2Frame.END_STREAM, 1, new byte[0])));
  }

  private static List<byte[]> padded(byte[] block, byte[] message) {
    byte[] payload = new byte[1 + 5 + block.length + 7];
    payload[0] = 7; // pad length
    payload[1] = (byte) 0x80; // exclusive dependency on stream 0
    payload[5] = 15; // weight
    System.arraycopy(block, 0, payload, 6, block.length);
    return new ArrayList<>(
        List.of(
            RawH2Connection.frame(H2Frame.SETTINGS, 0, 0, new byte[0]),
            RawH2Connection.frame(
                H2Frame.HEADERS,
                H2Frame.END_HEADERS | H2Frame.PADDED | H2Frame.PRIORITY_FLAG,
                1,
                payload),
            RawH2Connection.frame(
                H2Frame.DATA, H2Frame.END_STREAM, 1, RawH2Connection.grpcFrame(message))));
  }

  private static List<byte[]> chatty(byte[] block, byte[] message) {
    return new ArrayList<>(
        List.of(
            RawH2Connection.frame(H2Frame.SETTINGS, 0, 0, new byte[] {0, 3, 0, 0, 0, 100}),
            RawH2Connection.frame(H2Frame.PING, 0, 0, new byte[8]),
            RawH2Connection.frame(H2Frame.WINDOW_UPDATE, 0, 0, new byte[] {0, 1, 0, 0}),
            RawH2Connection.frame(H2Frame.HEADERS, H2Frame.END_HEADERS, 1, block),
            RawH2Connection.frame(H2Frame.PRIORITY, 0, 1, new byte[] {0, 0, 0, 0, 16}),
            RawH2Connection.frame(H2Frame.DATA, 0, 1, RawH2Connection.grpcFrame(message)),
            RawH2Connection.frame(H2Frame.RST_STREAM, 0, 1, new byte[] {0, 0, 0, 8}),
            RawH2Connection.frame(H2Frame.GOAWAY, 0, 0, new byte[8])));
  }

  private static int payloadLength(byte[] f) {
    return f.length < 9 ? 0 : ((f[0] & 0xFF) << 16) | ((f[1] & 0xFF) << 8) | (f[2] & 0xFF);
  }

  private static void setLength(byte[] f, int length) {
    if (f.length >= 9) {
      f[0] = (byte) (length >>> 16);
      f[1] = (byte) (length >>> 8);
      f[2] = (byte) length;
    }
  }

  private static void setStreamId(byte[] f, int id) {
    if (f.length >= 9) {
      f[5] = (byte) ((id >>> 24) & 0x7F);
      f[6] = (byte) (id >>> 16);
      f[7] = (byte) (id >>> 8);
      f[8] = (byte) id;
    }
  }

  private static void flipBits(byte[] f, Random r, int count) {
    for (int k = 0; k < count; k++) {
      f[r.nextInt(f.length)] ^= (byte) (1 << r.nextInt(8));
    }
  }
}
