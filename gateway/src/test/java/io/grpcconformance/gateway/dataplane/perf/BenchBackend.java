package io.grpcconformance.gateway.dataplane.perf;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark backend (as performance.md §6a describes it): a grpc-java server with a byte[]
 * marshaller, one event loop of its own ("bench-backend") and directExecutor.
 */
final class BenchBackend implements AutoCloseable {
  private final EventLoopGroup group = BenchTransport.group("bench-backend", 1);
  private final Server server;

  BenchBackend() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .channelType(BenchTransport.serverChannelType())
        .directExecutor()
        .addService(ServerServiceDefinition.builder("bench.Echo")
            .addMethod(BenchTransport.UNARY, new Echo())
            .addMethod(BenchTransport.STREAM, new Stream())
            .build())
        .build()
        .start();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Replies with the request. */
  private static final class Echo implements ServerCallHandler<byte[], byte[]> {
    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata h) {
      call.request(1);
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] message) {
          call.sendHeaders(new Metadata());
          call.sendMessage(message);
          call.close(Status.OK, new Metadata());
        }
      };
    }
  }

  /**
   * Sends the requested number of messages (request: count, then optionally a message size;
   * default {@link BenchTransport#MESSAGE}) while the call is ready.
   */
  private static final class Stream implements ServerCallHandler<byte[], byte[]> {
    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata h) {
      call.request(1);
      return new ServerCall.Listener<>() {
        private int left = -1;
        private byte[] reply;

        @Override
        public void onMessage(byte[] message) {
          ByteBuffer request = ByteBuffer.wrap(message);
          left = request.getInt();
          reply = request.remaining() >= 4 ? new byte[request.getInt()] : BenchTransport.MESSAGE;
          call.sendHeaders(new Metadata());
          send();
        }

        @Override
        public void onReady() {
          send();
        }

        private void send() {
          if (left < 0) {
            return;
          }
          while (left > 0 && call.isReady()) {
            call.sendMessage(reply);
            left--;
          }
          if (left == 0) {
            left = -1;
            call.close(Status.OK, new Metadata());
          }
        }
      };
    }
  }
}
