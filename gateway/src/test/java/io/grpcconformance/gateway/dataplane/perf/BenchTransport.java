package io.grpcconformance.gateway.dataplane.perf;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * What the benchmark's client and backend share: the two raw byte[] methods and named Netty event
 * loop groups (so per-thread CPU can be attributed to client, backend or gateway).
 */
final class BenchTransport {
  /** Unary echo of a 10-byte message. */
  static final MethodDescriptor<byte[], byte[]> UNARY = method("bench.Echo/Unary",
      MethodDescriptor.MethodType.UNARY);
  /** Server streaming: the request is a 4-byte count; the reply is that many 10-byte messages. */
  static final MethodDescriptor<byte[], byte[]> STREAM = method("bench.Echo/Stream",
      MethodDescriptor.MethodType.SERVER_STREAMING);
  /** The payload of every unary request and of every streamed reply. */
  static final byte[] MESSAGE = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private BenchTransport() {}

  static EventLoopGroup group(String name, int threads) {
    DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
    return Epoll.isAvailable() ? new EpollEventLoopGroup(threads, factory)
        : new NioEventLoopGroup(threads, factory);
  }

  static Class<? extends Channel> clientChannelType() {
    return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  static Class<? extends ServerChannel> serverChannelType() {
    return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  private static MethodDescriptor<byte[], byte[]> method(String name,
      MethodDescriptor.MethodType type) {
    return MethodDescriptor.newBuilder(BytesMarshaller.INSTANCE, BytesMarshaller.INSTANCE)
        .setFullMethodName(name).setType(type).build();
  }

  /** byte[] marshaller whose streams are KnownLength and Drainable (no scratch-buffer copy). */
  enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new DrainableBytes(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readNBytes(stream.available());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class DrainableBytes extends ByteArrayInputStream
      implements KnownLength, Drainable {
    DrainableBytes(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
