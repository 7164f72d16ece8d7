package io.grpcconformance.gateway;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.gateway.config.GatewayConfig;
import io.grpcconformance.gateway.config.GatewayConfigBuilder;
import io.grpcconformance.gateway.dataplane.DataPlane;
import io.grpcconformance.gateway.provider.file.ManifestFolderSource;
import io.grpcconformance.gateway.provider.file.StatusFileWriter;
import io.grpcconformance.gateway.provider.kubernetes.InformerSource;
import io.grpcconformance.gateway.provider.kubernetes.KubernetesStatusWriter;
import io.grpcconformance.gateway.provider.kubernetes.LeaderGatedStatusSink;
import io.grpcconformance.gateway.provider.kubernetes.LeaseLeadership;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.runtime.GatewayRuntime;
import io.grpcconformance.gateway.runtime.SnapshotSource;
import io.grpcconformance.gateway.runtime.StatusSink;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslationResult;
import io.grpcconformance.gateway.translate.Translator;
import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway, in-process: reads Gateway API and Ingress objects from a {@link KubernetesClient}
 * or from a folder of manifests, serves gRPC on the listeners they declare, and writes statuses.
 * The suite's local environment uses it, and so can users' own tests:
 *
 * <pre>{@code
 * try (EmbeddedGateway gateway = EmbeddedGateway.builder().manifests(dir).start()) {
 *   int port = gateway.port(443); // the ephemeral port serving declared port 443
 * }
 * }</pre>
 *
 * <p>Embedded defaults differ from the CLI's: bind {@code 127.0.0.1}, ephemeral ports, no leader
 * election. {@link #start()} returns once the initial objects are applied.
 */
public final class EmbeddedGateway implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedGateway.class.getName());

  /** What the gateway needs of a data plane; {@link DataPlane} in production, fakes in tests. */
  interface TrafficPlane extends AutoCloseable {
    void apply(RoutingTable table);

    int boundPort(int declaredPort);

    Map<Integer, Integer> boundPorts();

    @Override
    void close();
  }

  private final GatewayConfig config;
  private final GatewayRuntime runtime;
  private final TrafficPlane plane;
  private final List<AutoCloseable> closeInOrder;

  private EmbeddedGateway(
      GatewayConfig config, GatewayRuntime runtime, TrafficPlane plane,
      List<AutoCloseable> closeInOrder) {
    this.config = config;
    this.runtime = runtime;
    this.plane = plane;
    this.closeInOrder = closeInOrder;
  }

  /** A builder with the embedded defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound port serving {@code declaredPort} (a listener or Ingress port), or -1. */
  public int port(int declaredPort) {
    return plane.boundPort(declaredPort);
  }

  /** Declared port → bound port, for every port served now. */
  public Map<Integer, Integer> ports() {
    return Map.copyOf(plane.boundPorts());
  }

  /** The newest translation: routing table, statuses and problems. */
  public TranslationResult lastResult() {
    return runtime.lastResult();
  }

  /** The resolved configuration this gateway runs with. */
  public GatewayConfig config() {
    return config;
  }

  /**
   * Waits until every change seen so far is applied (a manifests folder is rescanned first, so
   * files written before this call count). Throws {@link IllegalStateException} on timeout.
   */
  public void awaitIdle(Duration timeout) {
    try {
      if (!runtime.awaitIdle(timeout)) {
        throw new IllegalStateException("gateway not idle after " + timeout + ": applied "
            + runtime.appliedGeneration() + " of " + runtime.seenGeneration() + " changes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the gateway", e);
    }
  }

  /** Told after every pass (on the runtime thread); used by the CLI to print bound ports. */
  void addListener(GatewayRuntime.Listener listener) {
    runtime.addListener(listener);
  }

  /** Releases the lease, stops watching, then drains and closes the listeners. */
  @Override
  public void close() {
    for (AutoCloseable closeable : closeInOrder) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing " + closeable.getClass().getSimpleName(), e);
      }
    }
  }

  /** Configures and starts an {@link EmbeddedGateway}; give a client or a manifests folder. */
  public static final class Builder {
    private KubernetesClient client;
    private Path manifests;
    private GatewayConfigBuilder config = GatewayConfig.defaults().toBuilder()
        .bindAddress("127.0.0.1")
        .ephemeralPorts(true)
        .leaderElection(false);
    private Function<GatewayConfig, TrafficPlane> planeFactory = Builder::dataPlane;
    private Function<TranslatorConfig, Function<GatewaySnapshot, TranslationResult>> translator =
        c -> new Translator(c)::translate;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Kubernetes mode: informers on this client; statuses written to the API server. */
    public Builder kubernetesClient(KubernetesClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Standalone mode: every YAML document in {@code dir}, watched for changes. */
    public Builder manifests(Path dir) {
      this.manifests = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Address every listener binds (default {@code 127.0.0.1}). */
    public Builder bindAddress(String address) {
      config.bindAddress(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** Bind each declared port on a free ephemeral port (default true); see {@link #port(int)}. */
    public Builder ephemeralPorts(boolean ephemeral) {
      config.ephemeralPorts(ephemeral);
      return this;
    }

    /**
     * GatewayClass controllerName served (default
     * {@value TranslatorConfig#DEFAULT_CONTROLLER_NAME}).
     */
    public Builder controllerName(String controllerName) {
      config.controllerName(Objects.requireNonNull(controllerName, "controllerName"));
      return this;
    }

    /** Ingress class names served (default {@code [nginx]}). */
    public Builder ingressClasses(List<String> classes) {
      config.ingressClasses(classes);
      return this;
    }

    /** Standalone mode: write statuses to this file (default: not written). */
    public Builder statusFile(Path file) {
      config.statusFile(Objects.requireNonNull(file, "file"));
      return this;
    }

    /** Kubernetes mode: write statuses only while holding the Lease (default false). */
    public Builder leaderElection(boolean enabled) {
      config.leaderElection(enabled);
      return this;
    }

    /** Replaces every setting with {@code config} (CLI use); later builder calls still apply. */
    public Builder config(GatewayConfig config) {
      this.config = config.toBuilder();
      return this;
    }

    Builder trafficPlane(Function<GatewayConfig, TrafficPlane> factory) {
      this.planeFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    Builder translator(
        Function<TranslatorConfig, Function<GatewaySnapshot, TranslationResult>> factory) {
      this.translator = Objects.requireNonNull(factory, "factory");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Starts watching, binds the declared ports and returns once the initial objects are applied.
     * Throws {@link IllegalStateException} (or {@link IllegalArgumentException} for a bad
     * configuration) when the gateway cannot start; nothing is left running then.
     */
    public EmbeddedGateway start() {
      if (manifests != null) {
        config.manifests(manifests);
      }
      GatewayConfig resolved = config.build();
      if ((client == null) == resolved.manifests().isEmpty()) {
        throw new IllegalArgumentException(
            "give exactly one of kubernetesClient(...) and manifests(...)");
      }
      List<AutoCloseable> closeInOrder = new ArrayList<>();
      TrafficPlane plane = planeFactory.apply(resolved);
      try {
        SnapshotSource source;
        StatusSink sink;
        LeaderGatedStatusSink gate = null;
        if (client != null) {
          InformerSource informers = new InformerSource(client, resolved.startTimeout());
          source = informers;
          sink = new KubernetesStatusWriter(client, informers, resolved.controllerName(),
              resolved.publishedAddress(), clock);
          if (resolved.lease().enabled()) {
            gate = new LeaderGatedStatusSink(sink);
            sink = gate;
          }
        } else {
          source = new ManifestFolderSource(
              resolved.manifests().get(), resolved.resyncDelay(), resolved.rescanInterval());
          sink = resolved.statusFile()
              .<StatusSink>map(f -> new StatusFileWriter(f, resolved.publishedAddress(), clock))
              .orElse(StatusSink.NONE);
        }
        GatewayRuntime runtime = new GatewayRuntime(source,
            translator.apply(resolved.translatorConfig()), plane::apply, sink,
            resolved.resyncDelay());
        if (gate != null) {
          LeaseLeadership leadership =
              new LeaseLeadership(client, resolved.lease(), gate, runtime::requestResync);
          closeInOrder.add(leadership); // release the lease first
          leadership.start();
        }
        closeInOrder.add(runtime);
        closeInOrder.add(plane);
        closeInOrder.add(sink);
        EmbeddedGateway gateway = new EmbeddedGateway(resolved, runtime, plane, closeInOrder);
        runtime.start();
        if (!runtime.awaitApplied(1, resolved.startTimeout())) {
          throw new IllegalStateException(
              "initial configuration not applied within " + resolved.startTimeout());
        }
        return gateway;
      } catch (Exception e) {
        if (!closeInOrder.contains(plane)) {
          closeInOrder.add(plane);
        }
        new EmbeddedGateway(resolved, null, plane, closeInOrder).close();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (e instanceof RuntimeException runtimeException) {
          throw runtimeException;
        }
        throw new IllegalStateException("gateway did not start: " + e.getMessage(), e);
      }
    }

    private static TrafficPlane dataPlane(GatewayConfig config) {
      DataPlane dataPlane = new DataPlane(config.dataPlaneConfig());
      return new TrafficPlane() {
        @Override
        public void apply(RoutingTable table) {
          dataPlane.apply(table);
        }

        @Override
        public int boundPort(int declaredPort) {
          return dataPlane.boundPort(declaredPort);
        }

        @Override
        public Map<Integer, Integer> boundPorts() {
          return dataPlane.boundPorts();
        }

        @Override
        public void close() {
          dataPlane.close();
        }
      };
    }
  }
}
