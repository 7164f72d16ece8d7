package io.grpcconformance.samples;

import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpcconformance.samples.echo.ServerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A running Greeter or User sample service (plus health and optional reflection), started
 * in-process by tests and the suite, or by {@link SampleServicesMain} from the command line.
 *
 * <pre>{@code
 * try (SampleServer greeter = SampleServer.builder(Kind.GREETER).name("greeter-v1").start()) {
 *   ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", greeter.port())...
 * }
 * }</pre>
 */
public final class SampleServer implements AutoCloseable {

  /** Which sample service to run. */
  public enum Kind {
    /** {@code helloworld.Greeter}. */
    GREETER("greeter", "helloworld.Greeter", 9001),
    /** {@code com.example.User} with application-level auth. */
    USER("user", "com.example.User", 9002);

    private final String cliName;
    private final String serviceName;
    private final int defaultPort;

    Kind(String cliName, String serviceName, int defaultPort) {
      this.cliName = cliName;
      this.serviceName = serviceName;
      this.defaultPort = defaultPort;
    }

    /** The CLI subcommand and the kind in the LISTENING line: {@code greeter} or {@code user}. */
    public String cliName() {
      return cliName;
    }

    /** The fully qualified gRPC service name. */
    public String serviceName() {
      return serviceName;
    }

    /** The CLI's default port (9001 or 9002); the in-process builder defaults to 0. */
    public int defaultPort() {
      return defaultPort;
    }
  }

  private static final Logger LOG = Logger.getLogger(SampleServer.class.getName());

  /** How long shutdownNow waits for cancelled calls to finish after the grace period. */
  private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(5);

  private final SampleServerConfig config;
  private final Server server;
  private final HealthStatusManager health;
  private final ScheduledExecutorService scheduler;
  // Kept: the listen sockets are gone once the server has shut down.
  private final int port;
  private boolean shutdownStarted; // guarded by this

  private SampleServer(
      SampleServerConfig config,
      Server server,
      HealthStatusManager health,
      ScheduledExecutorService scheduler) {
    this.config = config;
    this.server = server;
    this.health = health;
    this.scheduler = scheduler;
    this.port = ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /** A builder for a server of {@code kind}; see {@link Builder} for the defaults. */
  public static Builder builder(Kind kind) {
    return new Builder(kind);
  }

  /** Starts a server for {@code config}. */
  static SampleServer start(SampleServerConfig config) throws IOException {
    ServerIdentity identity =
        new ServerIdentity(config.name(), config.podName(), config.podNamespace());
    HealthStatusManager health = new HealthStatusManager();
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(2, daemonThreads(config.name()));
    try {
      Server server = ServerAssembly.build(config, identity, health, scheduler).start();
      SampleServer started = new SampleServer(config, server, health, scheduler);
      LOG.info(
          () ->
              String.format(
                  "%s %s serving on %s (tls=%s, reflection=%s, pod=%s, namespace=%s)",
                  config.kind().cliName(),
                  config.name(),
                  started.hostAndPort(),
                  config.tlsEnabled(),
                  config.reflection(),
                  config.podName(),
                  config.podNamespace()));
      return started;
    } catch (IOException e) {
      scheduler.shutdownNow();
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new IOException(
          config.kind().cliName()
              + " "
              + config.name()
              + ": cannot listen on "
              + hostAndPort(config.bind(), config.port())
              + ": "
              + root.getMessage(),
          e);
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      throw e;
    }
  }

  /** The bound port (the real one when 0 was asked for). */
  public int port() {
    return port;
  }

  /** The instance name sent as {@code x-served-by}. */
  public String name() {
    return config.name();
  }

  /** Which service this is. */
  public Kind kind() {
    return config.kind();
  }

  /** The resolved configuration. */
  public SampleServerConfig config() {
    return config;
  }

  /** {@code <bind>:<port>}, with an IPv6 bind address in brackets. */
  public String hostAndPort() {
    return hostAndPort(config.bind(), port());
  }

  /** The line the CLI prints once bound: {@code LISTENING <kind> <name> <host>:<port>}. */
  public String listeningLine() {
    return "LISTENING " + config.kind().cliName() + " " + config.name() + " " + hostAndPort();
  }

  /**
   * Graceful shutdown: health turns NOT_SERVING, the listener closes and new calls are refused,
   * in-flight calls may finish within {@code grace}, then the rest are cancelled. Idempotent;
   * returns when the server has terminated.
   */
  public void shutdown(Duration grace) {
    synchronized (this) {
      if (!shutdownStarted) {
        shutdownStarted = true;
        LOG.info(
            () ->
                config.name()
                    + ": shutting down, draining in-flight calls for up to "
                    + grace.toMillis()
                    + " ms");
        // NOT_SERVING first, so health watchers learn of it before the listener goes away.
        health.enterTerminalState();
        server.shutdown();
      }
    }
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warning(() -> config.name() + ": grace period over, cancelling the remaining calls");
        server.shutdownNow();
        server.awaitTermination(FORCED_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      // Only now: streaming replies in flight during the drain still need the scheduler.
      if (server.isTerminated()) {
        scheduler.shutdownNow();
        LOG.info(() -> config.name() + ": stopped");
      }
    }
  }

  /** Graceful shutdown with the configured grace period. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(config.graceSeconds()));
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Whether the server has terminated. */
  public boolean isTerminated() {
    return server.isTerminated();
  }

  static String hostAndPort(String host, int port) {
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-replies-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Settings of a {@link SampleServer}. Defaults: name = the kind's CLI name, bind 127.0.0.1, port
   * 0 (free port), no reflection, plaintext, demo accounts, pod from POD_NAME (then the hostname),
   * namespace from POD_NAMESPACE (then "local"), grace 10 s.
   */
  public static final class Builder {
    /** Grace period when none is set. */
    public static final int DEFAULT_GRACE_SECONDS = 10;

    private final Kind kind;
    private String name;
    private String bind = "127.0.0.1";
    private int port;
    private boolean reflection;
    private Path tlsCert;
    private Path tlsKey;
    private Path usersFile;
    private String podName;
    private String podNamespace;
    private int graceSeconds = DEFAULT_GRACE_SECONDS;

    private Builder(Kind kind) {
      this.kind = kind;
      this.name = kind.cliName();
    }

    /** The instance name sent as {@code x-served-by}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The address to listen on. */
    public Builder bind(String bind) {
      this.bind = bind;
      return this;
    }

    /** The port; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Whether to serve gRPC reflection v1 and v1alpha. */
    public Builder reflection(boolean reflection) {
      this.reflection = reflection;
      return this;
    }

    /** Serve TLS with a PEM certificate chain and PEM PKCS#8 key. */
    public Builder tls(Path certPem, Path keyPem) {
      this.tlsCert = certPem;
      this.tlsKey = keyPem;
      return this;
    }

    /** The User service's accounts file (see README); null for the demo accounts. */
    public Builder users(Path usersFile) {
      this.usersFile = usersFile;
      return this;
    }

    /** The pod name reported in {@code x-served-pod}. */
    public Builder podName(String podName) {
      this.podName = podName;
      return this;
    }

    /** The namespace reported in {@code x-served-namespace}. */
    public Builder podNamespace(String podNamespace) {
      this.podNamespace = podNamespace;
      return this;
    }

    /** How long {@link #close()} lets in-flight calls finish. */
    public Builder graceSeconds(int graceSeconds) {
      this.graceSeconds = graceSeconds;
      return this;
    }

    /** The resolved, validated configuration. */
    public SampleServerConfig config() {
      Map<String, String> env = System.getenv();
      return new SampleServerConfig(
          kind,
          name,
          bind,
          port,
          reflection,
          tlsCert,
          tlsKey,
          usersFile,
          ServerIdentity.resolvePod(podName, env),
          ServerIdentity.resolveNamespace(podNamespace, env),
          graceSeconds);
    }

    /**
     * Starts the server.
     *
     * @throws IOException when the address cannot be bound
     * @throws IllegalArgumentException for invalid settings, a malformed users file ({@link
     *     io.grpcconformance.samples.user.UsersFileException}) or unusable TLS files
     */
    public SampleServer start() throws IOException {
      return SampleServer.start(config());
    }
  }
}
