package io.grpcconformance.bench.backend;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The benchmark's backend (performance.md §6a): a grpc-java echo server with a byte[] marshaller,
 * native epoll, ONE event loop for accept and I/O, and directExecutor, that counts OK calls. Every
 * system under test (direct, gateway, HAProxy, nginx) reaches this same process.
 */
public final class EchoBackend implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EchoBackend.class.getName());

  private final BackendCounters counters;
  private final EventLoopGroup group;
  private final Server server;

  private EchoBackend(BackendCounters counters, EventLoopGroup group, Server server) {
    this.counters = counters;
    this.group = group;
    this.server = server;
  }

  /** Starts serving on {@code host:port} (0 = ephemeral). */
  public static EchoBackend start(String host, int port) throws IOException {
    boolean epoll = Epoll.isAvailable();
    if (!epoll) {
      LOG.warning("native epoll unavailable, the backend uses NIO: " + Epoll.unavailabilityCause());
    }
    // One thread for accept and I/O: the backend's cost per call stays one core's worth.
    EventLoopGroup group = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    BackendCounters counters = new BackendCounters();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .channelType(channelType)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .directExecutor()
        .fallbackHandlerRegistry(new EchoHandlers(counters))
        .build()
        .start();
    return new EchoBackend(counters, group, server);
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** The live counters. */
  public BackendCounters counters() {
    return counters;
  }

  /** Blocks until the server terminates. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
