package io.grpcconformance.bench.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark client's transport: ONE event loop (epoll when available) shared by every channel,
 * plaintext h2c, directExecutor, so the driver's cost per call is one thread's work and its
 * callbacks never hop threads (performance.md §2c, §3c).
 */
public final class ClientTransport implements AutoCloseable {
  private final EventLoopGroup group;
  private final Class<? extends Channel> channelType;

  public ClientTransport() {
    boolean epoll = Epoll.isAvailable();
    this.group = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** A new channel, i.e. its own HTTP/2 connection, to {@code host:port}. */
  public ManagedChannel channel(String host, int port) {
    return NettyChannelBuilder.forAddress(host, port)
        .usePlaintext()
        .eventLoopGroup(group)
        .channelType(channelType)
        .directExecutor()
        .build();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
