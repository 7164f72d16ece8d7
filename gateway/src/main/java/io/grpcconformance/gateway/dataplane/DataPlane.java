package io.grpcconformance.gateway.dataplane;

import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RandomSource;
import io.grpcconformance.gateway.routing.RoutingTable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The gRPC data plane: one grpc-java server per declared port, proxying every call according to
 * the current {@link RoutingTable}, which it reads once per call.
 *
 * <p>Threading: {@link #apply} and {@link #close} are serialized on this object. The table lives
 * in an {@link AtomicReference}: apply() swaps it in one step, and each call reads it exactly once
 * when it starts, so a call sees one consistent table from start to end while newer ones are
 * swapped in; streams opened before a swap keep their backend call until they finish.
 */
public final class DataPlane implements AutoCloseable {
  private static final Logger logger = Logger.getLogger(DataPlane.class.getName());

  /**
   * grpc-java logs every failed client connection ("Transport failed") at INFO with a stack trace:
   * a scanner or a fuzzer at the gateway's ports would flood the log. Held here so the level sticks
   * (JUL keeps loggers weakly); WARNING and above still show.
   */
  private static final Logger TRANSPORT_LOG =
      Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerTransport");

  static {
    if (TRANSPORT_LOG.getLevel() == null) {
      TRANSPORT_LOG.setLevel(java.util.logging.Level.WARNING);
    }
  }

  /** How long close() lets connections finish closing before the event loops stop. */
  private static final Duration LOOP_SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final DataPlaneConfig config;
  private final AtomicReference<RoutingTable> table = new AtomicReference<>(RoutingTable.EMPTY);
  private final ScheduledExecutorService maintenance =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("gateway-dataplane-maintenance"));
  /** Blocking HTTP/1.1 backend exchanges (a misconfiguration path): at most 16 at a time. */
  private final ThreadPoolExecutor http1Executor = new ThreadPoolExecutor(16, 16, 60,
      TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("gateway-http1-backend"));
  private final EventLoops loops;
  private final BackendChannels channels;
  private final ProxyContext context;
  /** Declared port → server; written under this object's lock, read lock-free. */
  private final Map<Integer, PortServer> servers = new ConcurrentHashMap<>();
  /** Servers of removed ports whose calls may still run; cancelled at the drain timeout. */
  private final Set<PortServer> draining = ConcurrentHashMap.newKeySet();
  private volatile List<String> problems = List.of();
  private boolean closed;

  public DataPlane(DataPlaneConfig config) {
    this(config, RandomSource.threadLocal());
  }

  /** A data plane drawing weighted backends from {@code random} (deterministic tests). */
  public DataPlane(DataPlaneConfig config, RandomSource random) {
    this.config = Objects.requireNonNull(config, "config");
    http1Executor.allowCoreThreadTimeOut(true);
    this.loops = new EventLoops(config.eventLoopThreads());
    this.channels = new BackendChannels(config, maintenance, table::get, loops);
    this.context = new ProxyContext(table, config, channels,
        new Http1Backend(http1Executor, config), random, loops);
    logger.info(() -> "data plane on " + config.bindAddress() + ": transport "
        + (Epoll.isAvailable() ? "epoll" : "nio") + ", " + loops.size() + " event loops");
  }

  /**
   * Makes {@code next} current: ports that are gone (or change protocol) stop listening and let
   * their calls finish within {@link DataPlaneConfig#drainTimeout()}; the table is swapped
   * atomically; HTTPS ports serve the new certificates from the next handshake; new ports are
   * bound; backend channels no longer referenced retire later.
   *
   * @return one line per port that could not be bound (also logged), empty when all listen; the
   *     other ports keep serving, and a failed port is tried again on the next apply
   */
  public synchronized List<String> apply(RoutingTable next) {
    Objects.requireNonNull(next, "table");
    if (closed) {
      throw new IllegalStateException("data plane is closed");
    }
    Map<Integer, Integer> released = new TreeMap<>();
    for (Iterator<PortServer> it = servers.values().iterator(); it.hasNext(); ) {
      PortServer server = it.next();
      PortRoutes wanted = next.ports().get(server.declaredPort());
      if (wanted == null || wanted.protocol() != server.protocol()) {
        released.put(server.declaredPort(), server.boundPort());
        drain(server);
        it.remove();
      }
    }
    table.set(next);
    List<String> failures = new ArrayList<>();
    for (PortRoutes routes : next.ports().values()) {
      PortServer server = servers.get(routes.port());
      if (server != null) {
        server.update(routes);
        continue;
      }
      try {
        servers.put(routes.port(), bind(routes, released.get(routes.port())));
      } catch (IOException | RuntimeException e) {
        String problem = "port " + routes.port() + " (" + routes.protocol() + "): cannot listen on "
            + config.bindAddress() + ": " + rootMessage(e);
        logger.warning(problem);
        failures.add(problem);
      }
    }
    problems = List.copyOf(failures);
    channels.retainOnly(next);
    return problems;
  }

  /** The table calls are routed with now. */
  public RoutingTable current() {
    return table.get();
  }

  /** The actual bound port for a declared port, or -1 when it is not bound. */
  public int boundPort(int declaredPort) {
    PortServer server = servers.get(declaredPort);
    return server == null ? -1 : server.boundPort();
  }

  /** Declared port → bound port, for every bound port. */
  public Map<Integer, Integer> boundPorts() {
    Map<Integer, Integer> bound = new TreeMap<>();
    servers.forEach((declared, server) -> {
      int port = server.boundPort();
      if (port > 0) {
        bound.put(declared, port);
      }
    });
    return bound;
  }

  /** The ports the last {@link #apply} could not bind, one line each. */
  public List<String> problems() {
    return problems;
  }

  /** Backend channels currently pooled ("protocol endpoint"), for diagnostics and tests. */
  public List<String> backendChannels() {
    return List.copyOf(new TreeSet<>(channels.openChannels()));
  }

  /**
   * Stops every port, waits up to {@link DataPlaneConfig#drainTimeout()} for calls in flight,
   * cancels the rest, and closes the backend channels.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<PortServer> all = new ArrayList<>(servers.values());
    all.addAll(draining);
    all.forEach(PortServer::shutdown);
    long deadline = System.nanoTime() + config.drainTimeout().toNanos();
    try {
      for (PortServer server : all) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!server.awaitTermination(Duration.ofNanos(left))) {
          server.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      all.forEach(PortServer::shutdownNow);
      Thread.currentThread().interrupt();
    }
    servers.clear();
    draining.clear();
    channels.close();
    maintenance.shutdownNow();
    http1Executor.shutdownNow();
    // Last: the servers and channels above finish closing their connections on these loops.
    try {
      long graceEnd = System.nanoTime() + LOOP_SHUTDOWN_GRACE.toNanos();
      for (PortServer server : all) {
        server.awaitTermination(Duration.ofNanos(Math.max(0, graceEnd - System.nanoTime())));
      }
      channels.awaitTermination(Duration.ofNanos(Math.max(0, graceEnd - System.nanoTime())));
      loops.shutdown(LOOP_SHUTDOWN_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private PortServer bind(PortRoutes routes, Integer releasedPort) throws IOException {
    if (!config.ephemeralPorts()) {
      return PortServer.start(context, routes, routes.port());
    }
    if (releasedPort != null) {
      try {
        return PortServer.start(context, routes, releasedPort); // keep the port on a rebind
      } catch (IOException taken) {
        logger.fine(() -> "ephemeral port " + releasedPort + " taken; binding another");
      }
    }
    return PortServer.start(context, routes, 0);
  }

  /** Stops listening now; cancels what is still running after the drain timeout. */
  private void drain(PortServer server) {
    logger.info(() -> "closing " + server + "; calls in flight may finish");
    server.shutdown();
    draining.add(server);
    maintenance.schedule(() -> {
      server.shutdownNow();
      draining.remove(server);
    }, config.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage())
        : e.getMessage() + " (" + root.getMessage() + ")";
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
