package io.grpcconformance.gateway.reliability;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Real grpc-java Netty channels to a gateway on loopback, all shut down together. */
final class GatewayChannels implements AutoCloseable {
  private final List<ManagedChannel> channels = new ArrayList<>();

  /** h2c (prior knowledge) to 127.0.0.1:{@code port}; {@code authority} may be null. */
  ManagedChannel plaintext(int port, String authority) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext();
    if (authority != null) {
      builder.overrideAuthority(authority);
    }
    return track(builder.build());
  }

  /**
   * TLS to 127.0.0.1:{@code port} with SNI and authority {@code authority}, trusting {@code trust}.
   */
  ManagedChannel tls(int port, String authority, List<X509Certificate> trust) {
    try {
      return track(
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .overrideAuthority(authority)
              .sslContext(
                  GrpcSslContexts.forClient()
                      .trustManager(trust.toArray(X509Certificate[]::new))
                      .build())
              .build());
    } catch (SSLException e) {
      throw new IllegalStateException("client TLS context", e);
    }
  }

  private ManagedChannel track(ManagedChannel channel) {
    synchronized (channels) {
      channels.add(channel);
    }
    return channel;
  }

  @Override
  public void close() {
    synchronized (channels) {
      channels.forEach(ManagedChannel::shutdownNow);
      for (ManagedChannel channel : channels) {
        try {
          channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      channels.clear();
    }
  }
}
