package io.grpcconformance.gateway.dataplane;

import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The pool of backend connections: per (endpoint, protocol) one {@link ManagedChannel} per event
 * loop, shared by every route and call, plus the round-robin position of each backend.
 *
 * <p>Threading: {@link #channel} returns the channel bound to the calling thread's event loop
 * ({@link EventLoops}), so the backend call runs on the thread of the client call that started
 * it. The channels of one endpoint are created together but connect lazily, on their first call.
 *
 * <p>Retirement: when an endpoint leaves the table its channel is kept for {@link
 * DataPlaneConfig#retiredChannelDelay()} (a call routed with the previous table may still be about
 * to use it), then shut down gracefully: {@link ManagedChannel#shutdown()} lets calls already on
 * it run to completion and only refuses new ones.
 */
final class BackendChannels implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(BackendChannels.class.getName());

  private final DataPlaneConfig config;
  private final ScheduledExecutorService scheduler;
  private final Supplier<RoutingTable> currentTable;
  private final EventLoops loops;
  /** Per protocol and endpoint: the channel of each event loop, by loop index. */
  private final Map<BackendProtocol, ConcurrentHashMap<Endpoint, ManagedChannel[]>> channels =
      new EnumMap<>(BackendProtocol.class);
  private final ConcurrentHashMap<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
  /** Channels {@link #close} shut down, for {@link #awaitTermination}. */
  private final List<ManagedChannel> closed = new ArrayList<>();

  BackendChannels(DataPlaneConfig config, ScheduledExecutorService scheduler,
      Supplier<RoutingTable> currentTable, EventLoops loops) {
    this.config = config;
    this.scheduler = scheduler;
    this.currentTable = currentTable;
    this.loops = loops;
    for (BackendProtocol protocol : BackendProtocol.values()) {
      channels.put(protocol, new ConcurrentHashMap<>());
    }
  }

  /** The next endpoint of {@code backend} in round-robin order; it has at least one. */
  Endpoint nextEndpoint(WeightedBackend backend) {
    List<Endpoint> endpoints = backend.endpoints();
    if (endpoints.size() == 1) {
      return endpoints.get(0);
    }
    AtomicInteger position = roundRobin.get(backend.name());
    if (position == null) {
      position = roundRobin.computeIfAbsent(backend.name(), name -> new AtomicInteger());
    }
    return endpoints.get(Math.floorMod(position.getAndIncrement(), endpoints.size()));
  }

  /**
   * The next endpoint of {@code backend} whose channel on this event loop is not failing, so a call
   * is not sent to an endpoint the gateway already knows it cannot reach (still listed ready, e.g.
   * a killed pod before its EndpointSlice changes). The call has not left the gateway yet, so
   * choosing another endpoint is safe. When every endpoint is failing, the round-robin choice
   * stands and the call fails UNAVAILABLE as before.
   */
  Endpoint pickEndpoint(WeightedBackend backend, BackendProtocol protocol) {
    Endpoint first = nextEndpoint(backend);
    int others = backend.endpoints().size() - 1;
    Endpoint candidate = first;
    for (int i = 0; i < others && failing(candidate, protocol); i++) {
      candidate = nextEndpoint(backend);
    }
    return failing(candidate, protocol) ? first : candidate;
  }

  private boolean failing(Endpoint endpoint, BackendProtocol protocol) {
    ManagedChannel[] perLoop = channels.get(protocol).get(endpoint);
    return perLoop != null
        && perLoop[loops.current()].getState(false) == ConnectivityState.TRANSIENT_FAILURE;
  }

  /**
   * The pooled channel to {@code endpoint} on the calling thread's event loop; created on first
   * use (connecting is asynchronous).
   */
  ManagedChannel channel(Endpoint endpoint, BackendProtocol protocol) {
    ConcurrentHashMap<Endpoint, ManagedChannel[]> pool = channels.get(protocol);
    ManagedChannel[] perLoop = pool.get(endpoint);
    if (perLoop == null) {
      perLoop = pool.computeIfAbsent(endpoint, e -> open(e, protocol));
    }
    return perLoop[loops.current()];
  }

  /** Schedules the retirement of channels and counters {@code table} no longer references. */
  void retainOnly(RoutingTable table) {
    Referenced referenced = Referenced.of(table);
    roundRobin.keySet().retainAll(referenced.backendNames);
    channels.forEach((protocol, pool) -> pool.forEach((endpoint, perLoop) -> {
      if (!referenced.contains(endpoint, protocol)) {
        scheduler.schedule(() -> retireIfUnused(endpoint, protocol),
            config.retiredChannelDelay().toMillis(), TimeUnit.MILLISECONDS);
        return;
      }
      // A referenced endpoint whose channel is backing off (its process died and came back, and
      // the EndpointSlice says it is ready again) reconnects now instead of after the backoff.
      for (ManagedChannel channel : perLoop) {
        if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
          channel.resetConnectBackoff();
        }
      }
    }));
  }

  /** "protocol endpoint" of every open channel, for tests and diagnostics. */
  Set<String> openChannels() {
    Set<String> open = new HashSet<>();
    channels.forEach((protocol, pool) -> pool.keySet().forEach(e -> open.add(protocol + " " + e)));
    return open;
  }

  /** Closes every channel at once; the data plane has already drained or cancelled its calls. */
  @Override
  public void close() {
    channels.values().forEach(pool -> {
      pool.values().forEach(perLoop -> {
        for (ManagedChannel channel : perLoop) {
          channel.shutdownNow();
          closed.add(channel);
        }
      });
      pool.clear();
    });
  }

  /** Waits until the channels {@link #close} shut down have terminated, at most {@code timeout}. */
  void awaitTermination(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    for (ManagedChannel channel : closed) {
      channel.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  private void retireIfUnused(Endpoint endpoint, BackendProtocol protocol) {
    if (Referenced.of(currentTable.get()).contains(endpoint, protocol)) {
      return; // the endpoint came back in a newer table
    }
    ManagedChannel[] perLoop = channels.get(protocol).remove(endpoint);
    if (perLoop != null) {
      logger.fine(() -> "retiring backend channel " + protocol + " " + endpoint);
      for (ManagedChannel channel : perLoop) {
        channel.shutdown();
      }
    }
  }

  private ManagedChannel[] open(Endpoint endpoint, BackendProtocol protocol) {
    ManagedChannel[] perLoop = new ManagedChannel[loops.size()];
    for (int i = 0; i < perLoop.length; i++) {
      perLoop[i] = open(endpoint, protocol, i);
    }
    return perLoop;
  }

  private ManagedChannel open(Endpoint endpoint, BackendProtocol protocol, int loop) {
    ChannelCredentials credentials = protocol == BackendProtocol.TLS
        // ingress-nginx does not verify upstream certificates (proxy_ssl_verify off) either.
        ? TlsChannelCredentials.newBuilder().trustManager(TrustEverything.INSTANCE).build()
        : InsecureChannelCredentials.create();
    logger.log(Level.FINE, "opening backend channel {0} {1} on event loop {2}",
        new Object[] {protocol, endpoint, loop});
    return NettyChannelBuilder.forAddress(endpoint.address(), endpoint.port(), credentials)
        // Pinned to one loop of the shared group: calls started on that loop stay on it.
        .eventLoopGroup(loops.loop(loop))
        .channelType(loops.clientChannelType())
        // Handlers never block, so callbacks run on the event loop (performance.md §2c).
        .directExecutor()
        // The proxy must not retry or hedge: retries would buffer messages and repeat calls.
        .disableRetry()
        .proxyDetector(address -> null)
        .maxInboundMessageSize(config.maxMessageBytes())
        .flowControlWindow(config.flowControlWindowBytes())
        .compressorRegistry(PassThroughCompression.COMPRESSORS)
        .decompressorRegistry(PassThroughCompression.CHANNEL_DECOMPRESSORS)
        .userAgent("grpc-conformance-gateway")
        .build();
  }

  /** The (endpoint, protocol) pairs and backend names one table references. */
  private record Referenced(Map<BackendProtocol, Set<Endpoint>> endpoints,
      Set<String> backendNames) {
    static Referenced of(RoutingTable table) {
      Referenced referenced = new Referenced(new EnumMap<>(BackendProtocol.class), new HashSet<>());
      for (PortRoutes port : table.ports().values()) {
        for (VirtualHost host : port.virtualHosts()) {
          for (Route route : host.routes()) {
            for (WeightedBackend backend : route.action().backends()) {
              referenced.backendNames.add(backend.name());
              referenced.endpoints.computeIfAbsent(backend.protocol(), p -> new HashSet<>())
                  .addAll(backend.endpoints());
            }
          }
        }
      }
      return referenced;
    }

    boolean contains(Endpoint endpoint, BackendProtocol protocol) {
      Set<Endpoint> set = endpoints.get(protocol);
      return set != null && set.contains(endpoint);
    }
  }

  /** Accepts any backend certificate, without hostname checks. */
  private static final class TrustEverything extends X509ExtendedTrustManager {
    static final TrustEverything INSTANCE = new TrustEverything();

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
