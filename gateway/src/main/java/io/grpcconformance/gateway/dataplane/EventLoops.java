package io.grpcconformance.gateway.dataplane;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoop;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.netty.shaded.io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane's event loops ({@code gateway-loop-*} threads, native epoll where available):
 * one group that accepts and serves client connections and runs every backend connection.
 *
 * <p>Threading model (performance.md §5b, "create the backend connection on the same event loop
 * as the client connection"): {@link BackendChannels} keeps one backend channel per loop, and a
 * call started on loop {@code i} uses the channel of loop {@code i}. A proxied call then runs on
 * one thread from end to end: no task hand-off or wake-up between threads, and the response
 * headers, message and trailers a backend sends in one read are written to the client in one
 * flush (grpc-netty's WriteQueue coalesces everything enqueued during one event-loop task).
 */
final class EventLoops {
  private final EventLoopGroup group;
  private final EventLoop[] loops;
  private final boolean epoll = Epoll.isAvailable();
  private final AtomicInteger nextForeign = new AtomicInteger();

  /** {@code threads} loops; 0 means one per available processor (a proxy never blocks). */
  EventLoops(int threads) {
    int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    DefaultThreadFactory factory = new DefaultThreadFactory("gateway-loop", true);
    group = new MultiThreadIoEventLoopGroup(count, factory,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    List<EventLoop> list = new ArrayList<>(count);
    for (EventExecutor executor : group) {
      list.add((EventLoop) executor);
    }
    loops = list.toArray(new EventLoop[0]);
  }

  EventLoopGroup group() {
    return group;
  }

  int size() {
    return loops.length;
  }

  EventLoop loop(int index) {
    return loops[index];
  }

  /**
   * The index of the loop running the calling thread; a caller on another thread (there is none
   * on the proxy path) gets the loops in turn.
   */
  int current() {
    for (int i = 0; i < loops.length; i++) {
      if (loops[i].inEventLoop()) {
        return i;
      }
    }
    return Math.floorMod(nextForeign.getAndIncrement(), loops.length);
  }

  Class<? extends ServerChannel> serverChannelType() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  Class<? extends Channel> clientChannelType() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /**
   * Stops the loops: tasks already queued still run; waits until they stopped, at most
   * {@code timeout}.
   */
  void shutdown(Duration timeout) throws InterruptedException {
    group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
        .await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
