package io.grpcconformance.bench.backend;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import java.nio.ByteBuffer;

/**
 * The benchmark's three methods. No .proto: every message is raw bytes ({@link BytesMarshaller}).
 *
 * <ul>
 *   <li>{@code bench.Echo/Unary}: answers the request bytes (h2load and the latency client);
 *   <li>{@code bench.Echo/Stream}: server streaming; the request is {@link #streamRequest} (count
 *       and size), the answer is {@code count} messages of {@code size} bytes;
 *   <li>{@code bench.Control/Stats}: the backend's counters ({@link BackendCounters.Snapshot}).
 * </ul>
 */
public final class EchoMethods {

  /** The service every proxy routes to the backend; the gateway's GRPCRoute matches it. */
  public static final String ECHO_SERVICE = "bench.Echo";
  /** The unary method's path without the leading slash. */
  public static final String UNARY = ECHO_SERVICE + "/Unary";
  /** The server-streaming method's path without the leading slash. */
  public static final String STREAM = ECHO_SERVICE + "/Stream";
  /** The backend's counters; called directly, never through a proxy. */
  public static final String STATS = "bench.Control/Stats";

  public static final MethodDescriptor<byte[], byte[]> UNARY_METHOD = method(UNARY, MethodType.UNARY);
  public static final MethodDescriptor<byte[], byte[]> STREAM_METHOD =
      method(STREAM, MethodType.SERVER_STREAMING);
  public static final MethodDescriptor<byte[], byte[]> STATS_METHOD = method(STATS, MethodType.UNARY);

  private EchoMethods() {}

  /** A byte[]-to-byte[] descriptor of {@code type} for {@code fullName}. */
  public static MethodDescriptor<byte[], byte[]> method(String fullName, MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setFullMethodName(fullName)
        .setType(type)
        .setRequestMarshaller(BytesMarshaller.INSTANCE)
        .setResponseMarshaller(BytesMarshaller.INSTANCE)
        .build();
  }

  /**
   * A message of {@code size} bytes that is also valid protobuf (field 1, a string), the shape
   * performance.md §3a uses: {@code 0x0a, size-2, 'a'...}. {@code size} is 2..129.
   */
  public static byte[] payload(int size) {
    if (size < 2 || size > 129) {
      throw new IllegalArgumentException("payload size must be 2..129 bytes: " + size);
    }
    byte[] bytes = new byte[size];
    bytes[0] = 0x0a;
    bytes[1] = (byte) (size - 2);
    for (int i = 2; i < size; i++) {
      bytes[i] = (byte) ('a' + (i - 2) % 26);
    }
    return bytes;
  }

  /** The gRPC length-prefixed frame of {@code message}: flag 0, 4-byte big-endian length, bytes. */
  public static byte[] grpcFrame(byte[] message) {
    return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message)
        .array();
  }

  /** The Stream request: {@code count} messages of {@code size} bytes each. */
  public static byte[] streamRequest(int count, int size) {
    return ByteBuffer.allocate(8).putInt(count).putInt(size).array();
  }
}
