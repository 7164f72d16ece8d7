package io.grpcconformance.gateway.dataplane.perf;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load over several channels on one event loop of its own ("bench-client"): keeps
 * {@code inFlight} calls running, starting the next one from the previous one's onClose.
 * Records the latency of every unary call while {@link #recording} is on.
 */
final class BenchClient implements AutoCloseable {
  private static final int MAX_SAMPLES = 4_000_000;

  private final EventLoopGroup group = BenchTransport.group("bench-client", 1);
  private final List<ManagedChannel> channels = new ArrayList<>();
  final AtomicLong ok = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong messages = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean recording;
  private final long[] latencies = new long[MAX_SAMPLES];
  private int samples; // written on the client event loop only

  BenchClient(int port, int channelCount, ChannelCredentials credentials, String authority) {
    for (int i = 0; i < channelCount; i++) {
      NettyChannelBuilder builder = NettyChannelBuilder
          .forAddress("127.0.0.1", port, credentials)
          .eventLoopGroup(group)
          .channelType(BenchTransport.clientChannelType())
          .directExecutor();
      if (authority != null) {
        builder.overrideAuthority(authority);
      }
      channels.add(builder.build());
    }
  }

  /** Starts {@code inFlight} unary calls, spread over the channels, each restarting itself. */
  void startUnary(int inFlight) {
    for (int i = 0; i < inFlight; i++) {
      ManagedChannel channel = channels.get(i % channels.size());
      group.execute(() -> unary(channel));
    }
  }

  /**
   * Starts {@code streams} server-streaming calls of {@code perStream} messages of
   * {@code messageBytes} each, restarting.
   */
  void startStreams(int streams, int perStream, int messageBytes) {
    byte[] request = ByteBuffer.allocate(8).putInt(perStream).putInt(messageBytes).array();
    for (int i = 0; i < streams; i++) {
      ManagedChannel channel = channels.get(i % channels.size());
      group.execute(() -> stream(channel, perStream, request));
    }
  }

  /** Starts or stops latency recording (clears previous samples when starting). */
  void record(boolean on) {
    if (on) {
      group.submit(() -> samples = 0).syncUninterruptibly();
    }
    recording = on;
  }

  /** Sorted latencies in nanoseconds recorded so far. */
  long[] sortedLatencies() {
    long[] copy = group.submit(() -> Arrays.copyOf(latencies, samples)).syncUninterruptibly()
        .getNow();
    Arrays.sort(copy);
    return copy;
  }

  private void unary(ManagedChannel channel) {
    if (!running) {
      return;
    }
    ClientCall<byte[], byte[]> call = channel.newCall(BenchTransport.UNARY, CallOptions.DEFAULT);
    long start = System.nanoTime();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        long nanos = System.nanoTime() - start;
        if (status.isOk()) {
          ok.incrementAndGet();
          if (recording && samples < MAX_SAMPLES) {
            latencies[samples++] = nanos;
          }
          unary(channel);
        } else {
          errors.incrementAndGet();
          group.schedule(() -> unary(channel), 1, TimeUnit.MILLISECONDS);
        }
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(BenchTransport.MESSAGE);
    call.halfClose();
  }

  private void stream(ManagedChannel channel, int perStream, byte[] request) {
    if (!running) {
      return;
    }
    ClientCall<byte[], byte[]> call = channel.newCall(BenchTransport.STREAM, CallOptions.DEFAULT);
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        messages.incrementAndGet();
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        if (status.isOk()) {
          ok.incrementAndGet();
          stream(channel, perStream, request);
        } else {
          errors.incrementAndGet();
          group.schedule(() -> stream(channel, perStream, request), 1, TimeUnit.MILLISECONDS);
        }
      }
    }, new Metadata());
    call.request(perStream);
    call.sendMessage(request);
    call.halfClose();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
    }
    for (ManagedChannel channel : channels) {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
