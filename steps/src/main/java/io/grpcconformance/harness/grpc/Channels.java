package io.grpcconformance.harness.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.DelegatingSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Opens real grpc-java Netty channels for a {@link Dial}: h2c with prior knowledge, or TLS (JDK
 * provider, ALPN h2) with the SNI and {@code :authority} taken from the dial's authority. The TLS
 * engine is kept so the negotiated ALPN protocol can be reported.
 */
public final class Channels {

  private Channels() {}

  /** A channel and, for TLS, the engine of its (single) connection once created. */
  public record OpenChannel(ManagedChannel channel, AtomicReference<SSLEngine> engine)
      implements AutoCloseable {

    /** The ALPN protocol the connection negotiated, if TLS and negotiated. */
    public Optional<String> alpn() {
      SSLEngine e = engine.get();
      return e == null ? Optional.empty() : Optional.ofNullable(e.getApplicationProtocol());
    }

    @Override
    public void close() {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A fresh channel (its own connection) for {@code dial}. */
  public static OpenChannel open(Dial dial) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(dial.address().host(), dial.address().port())
            .maxInboundMessageSize(16 * 1024 * 1024)
            .userAgent("grpc-conformance-probe");
    dial.authority().ifPresent(builder::overrideAuthority);
    AtomicReference<SSLEngine> engine = new AtomicReference<>();
    if (dial.tls().isPresent()) {
      builder.negotiationType(NegotiationType.TLS).sslContext(sslContext(dial.tls().get(), engine));
    } else {
      builder.usePlaintext(); // h2c with prior knowledge, as the Gateway API suite dials
    }
    return new OpenChannel(builder.build(), engine);
  }

  private static SslContext sslContext(ClientTls tls, AtomicReference<SSLEngine> engine) {
    try {
      SslContextBuilder b =
          GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK);
      if (tls.isTrustAll()) {
        b.trustManager(TrustAllTrustManager.INSTANCE);
      } else {
        b.trustManager(
            new ByteArrayInputStream(
                tls.trustedCertificatesPem().get().getBytes(StandardCharsets.US_ASCII)));
      }
      return new DelegatingSslContext(b.build()) {
        @Override
        protected void initEngine(SSLEngine e) {
          engine.set(e);
        }
      };
    } catch (SSLException e) {
      throw new IllegalArgumentException("cannot build a client TLS context: " + e.getMessage(), e);
    }
  }
}
