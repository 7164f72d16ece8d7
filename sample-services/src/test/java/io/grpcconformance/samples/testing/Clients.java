package io.grpcconformance.samples.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real grpc-java Netty client channels to loopback servers, closed together after a test. */
public final class Clients implements AutoCloseable {

  private final List<ManagedChannel> channels = new ArrayList<>();

  /** A plaintext (h2c) channel to 127.0.0.1:{@code port}. */
  public ManagedChannel plaintext(int port) {
    return track(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext());
  }

  /** Builds and tracks a channel from {@code builder}. */
  public ManagedChannel track(NettyChannelBuilder builder) {
    ManagedChannel channel = builder.build();
    channels.add(channel);
    return channel;
  }

  @Override
  public void close() {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow();
    }
    try {
      for (ManagedChannel channel : channels) {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channels.clear();
  }
}
