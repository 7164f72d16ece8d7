package io.grpcconformance.gateway.dataplane;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.PortRoutes.Protocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The grpc-java server of one declared port: h2c with prior knowledge (HTTP) or TLS 1.2/1.3 with
 * ALPN {@code h2} and certificates chosen by SNI (HTTPS). Every call goes to the port's {@link
 * RoutingHandlerRegistry}.
 *
 * <p>Executor: {@code directExecutor()}: the handlers never block, so callbacks stay on the Netty
 * event loop without a thread hop or a SerializingExecutor (+40% QPS in the grpc-java
 * benchmarks, performance.md §2c). Event loops: the data plane's {@link EventLoops} accept and
 * serve the connections; they also run the backend channels, so a call stays on one thread.
 */
final class PortServer {
  private static final Logger logger = Logger.getLogger(PortServer.class.getName());
  private static volatile boolean providerLogged;

  private final int declaredPort;
  private final Protocol protocol;
  private final Server server;
  private final SniKeyManager keyManager;

  private PortServer(int declaredPort, Protocol protocol, Server server, SniKeyManager keyManager) {
    this.declaredPort = declaredPort;
    this.protocol = protocol;
    this.server = server;
    this.keyManager = keyManager;
  }

  /** Binds {@code bindPort} (0 = ephemeral) on the configured address and starts serving. */
  /** RST_STREAM frames a client may send per window before the connection is closed. */
  static final int RAPID_RESET_LIMIT = 200;

  /** The window of {@link #RAPID_RESET_LIMIT}, in seconds. */
  static final int RAPID_RESET_WINDOW_SECONDS = 10;

  /** How long a connection may take to send the HTTP/2 preface (and finish TLS). */
  static final java.time.Duration HANDSHAKE_TIMEOUT = java.time.Duration.ofSeconds(20);

  /** How long a connection may stay without any call before it is closed gracefully. */
  static final java.time.Duration IDLE_CONNECTION_TIMEOUT = java.time.Duration.ofMinutes(5);

  static PortServer start(ProxyContext context, PortRoutes routes, int bindPort)
      throws IOException {
    DataPlaneConfig config = context.config();
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress(config.bindAddress(), bindPort))
        // A port closed by a protocol change can be bound again while its accepted connections
        // drain.
        .withOption(ChannelOption.SO_REUSEADDR, true)
        .bossEventLoopGroup(context.loops().group())
        .workerEventLoopGroup(context.loops().group())
        .channelType(context.loops().serverChannelType())
        .directExecutor()
        .fallbackHandlerRegistry(new RoutingHandlerRegistry(context, routes.port()))
        .compressorRegistry(PassThroughCompression.COMPRESSORS)
        .decompressorRegistry(PassThroughCompression.SERVER_DECOMPRESSORS)
        .maxInboundMessageSize(config.maxMessageBytes())
        .flowControlWindow(config.flowControlWindowBytes())
        // Hardening, as edge proxies do: a connection that resets streams faster than
        // RAPID_RESET_LIMIT per RAPID_RESET_WINDOW_SECONDS gets GOAWAY (CVE-2023-44487); one that
        // never completes the HTTP/2 (or TLS) handshake is closed after HANDSHAKE_TIMEOUT; one
        // with no call for IDLE_CONNECTION_TIMEOUT is closed gracefully.
        .maxRstFramesPerWindow(RAPID_RESET_LIMIT, RAPID_RESET_WINDOW_SECONDS)
        .handshakeTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionIdle(IDLE_CONNECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    SniKeyManager keyManager = null;
    if (routes.protocol() == Protocol.HTTPS) {
      keyManager = new SniKeyManager(routes);
      builder.sslContext(serverTls(keyManager));
    }
    Server server = builder.build().start();
    return new PortServer(routes.port(), routes.protocol(), server, keyManager);
  }

  /**
   * TLS 1.3 and 1.2 only, ALPN {@code h2} and HTTP/2-approved ciphers (GrpcSslContexts), OpenSSL
   * (BoringSSL from grpc-netty-shaded) when it loads, else the JDK provider.
   */
  private static SslContext serverTls(SniKeyManager keyManager) throws IOException {
    if (!providerLogged) {
      providerLogged = true;
      logger.info(() -> "TLS provider: "
          + (OpenSsl.isAvailable() ? OpenSsl.versionString() : "JDK"));
    }
    return GrpcSslContexts.configure(SslContextBuilder.forServer(keyManager))
        .protocols("TLSv1.3", "TLSv1.2")
        .build();
  }

  int declaredPort() {
    return declaredPort;
  }

  Protocol protocol() {
    return protocol;
  }

  /** The bound port, or -1 once this server is shutting down (its port is about to be released). */
  int boundPort() {
    if (server.isShutdown()) {
      return -1;
    }
    try {
      return server.getPort();
    } catch (IllegalStateException terminatedMeanwhile) {
      return -1;
    }
  }

  /** Serves the certificates of {@code routes} from the next handshake on (HTTPS only). */
  void update(PortRoutes routes) {
    if (keyManager != null) {
      keyManager.update(routes);
    }
  }

  /** Stops listening now (synchronously) and refuses new calls; calls in flight continue. */
  void shutdown() {
    server.shutdown();
  }

  /** Cancels whatever still runs. */
  void shutdownNow() {
    server.shutdownNow();
  }

  boolean awaitTermination(Duration timeout) throws InterruptedException {
    return server.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "port " + declaredPort + " (" + protocol + ")";
  }
}
