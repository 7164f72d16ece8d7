package io.grpcconformance.gateway;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.grpcconformance.gateway.config.ConfigSetting;
import io.grpcconformance.gateway.config.GatewayConfig;
import io.grpcconformance.gateway.routing.PortRoutes;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The gateway's command line: {@code standalone} serves a folder of manifests, {@code controller}
 * serves a Kubernetes cluster. Settings come from defaults, then {@code GATEWAY_*} variables, then
 * {@code gateway.*} system properties, then these flags. Prints one line per bound port,
 * {@code LISTENING <declared> <bind>:<actual> <HTTP|HTTPS>}, on standard output (logs go to
 * standard error) and stops gracefully on SIGTERM.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    version = "gateway 0.1.0",
    subcommands = {GatewayMain.Standalone.class, GatewayMain.Controller.class},
    description = "Gateway API (GRPCRoute) and Ingress implementation for gRPC.")
public final class GatewayMain implements Runnable {
  /** Help footer: the other two configuration layers. */
  private static final String FOOTER = "%nEvery flag can also be set with an environment variable "
      + "GATEWAY_<FLAG> (e.g. GATEWAY_INGRESS_HTTP_PORT) or a system property "
      + "gateway.<flagInCamelCase> (e.g. -Dgateway.ingressHttpPort=8080); flags win over "
      + "properties, which win over variables.";
  private static final String LOG_FORMAT = "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

  private final PrintStream out;
  private final CountDownLatch stop;
  private final boolean shutdownHook;
  private final UnaryOperator<EmbeddedGateway.Builder> customize;

  /**
   * @param out where LISTENING lines go
   * @param stop counted down to stop serving (SIGTERM does it through the shutdown hook)
   * @param shutdownHook whether to install the SIGTERM hook (not in tests)
   * @param customize applied to the builder before start (tests swap in fakes)
   */
  GatewayMain(PrintStream out, CountDownLatch stop, boolean shutdownHook,
      UnaryOperator<EmbeddedGateway.Builder> customize) {
    this.out = out;
    this.stop = stop;
    this.shutdownHook = shutdownHook;
    this.customize = customize;
  }

  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT); // one line each
    }
    System.exit(commandLine(new GatewayMain(System.out, new CountDownLatch(1), true, b -> b))
        .execute(args));
  }

  /** The picocli command line; exceptions become one-line errors with exit code 1. */
  static CommandLine commandLine(GatewayMain main) {
    CommandLine commandLine = new CommandLine(main);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return 1;
    });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "give a command: standalone or controller");
  }

  /** Flags both commands take. */
  static final class SharedOptions {
    @Option(names = "--bind", paramLabel = "ADDR",
        description = "Address every listener binds (default 0.0.0.0).")
    String bind;

    @Option(names = "--controller-name", paramLabel = "NAME",
        description = "GatewayClass controllerName served (default grpc-conformance.io/gateway).")
    String controllerName;

    @Option(names = "--ingress-class", paramLabel = "NAME",
        description = "Ingress class served; repeatable (default nginx).")
    List<String> ingressClasses;

    @Option(names = "--ingress-http-port", paramLabel = "PORT",
        description = "Declared port for Ingress cleartext gRPC (default 80).")
    Integer ingressHttpPort;

    @Option(names = "--ingress-https-port", paramLabel = "PORT",
        description = "Declared port for Ingress TLS (default 443).")
    Integer ingressHttpsPort;

    @Option(names = "--ephemeral-ports",
        description = "Bind each declared port on a free ephemeral port (see LISTENING lines).")
    Boolean ephemeralPorts;

    @Option(names = "--status-address", paramLabel = "ADDR",
        description = "Address published in Gateway and Ingress status (default env POD_IP, "
            + "else the bind address unless it is a wildcard).")
    String statusAddress;

    @Option(names = "--resync-delay", paramLabel = "DURATION",
        description = "Coalescing delay before a change is translated, e.g. 100ms (default 100ms).")
    String resyncDelay;

    @Option(names = "--start-timeout", paramLabel = "DURATION",
        description = "How long start-up waits for the first configuration (default 60s).")
    String startTimeout;

    Map<String, String> flags() {
      Map<String, String> flags = new HashMap<>();
      put(flags, ConfigSetting.BIND_ADDRESS, bind);
      put(flags, ConfigSetting.CONTROLLER_NAME, controllerName);
      put(flags, ConfigSetting.INGRESS_CLASSES,
          ingressClasses == null ? null : String.join(",", ingressClasses));
      put(flags, ConfigSetting.INGRESS_HTTP_PORT, ingressHttpPort);
      put(flags, ConfigSetting.INGRESS_HTTPS_PORT, ingressHttpsPort);
      put(flags, ConfigSetting.EPHEMERAL_PORTS, ephemeralPorts);
      put(flags, ConfigSetting.STATUS_ADDRESS, statusAddress);
      put(flags, ConfigSetting.RESYNC_DELAY, resyncDelay);
      put(flags, ConfigSetting.START_TIMEOUT, startTimeout);
      return flags;
    }
  }

  @Command(name = "standalone", mixinStandardHelpOptions = true, footer = FOOTER,
      description = "Serve the objects in a folder of YAML manifests, watching it for changes.")
  static final class Standalone implements Callable<Integer> {
    @CommandLine.ParentCommand GatewayMain main;
    @Mixin SharedOptions shared;

    @Option(names = "--manifests", paramLabel = "DIR", required = true,
        description = "Folder of *.yaml/*.yml manifests; a document without namespace is in "
            + "'default'.")
    Path manifests;

    @Option(names = "--status-file", paramLabel = "FILE",
        description = "Write the status of every GatewayClass, Gateway, route and Ingress here, "
            + "atomically on each change (default: not written).")
    Path statusFile;

    @Option(names = "--rescan-interval", paramLabel = "DURATION",
        description = "Rescan the folder this often in case a file event was missed (default 2s).")
    String rescanInterval;

    @Override
    public Integer call() throws InterruptedException {
      Map<String, String> flags = shared.flags();
      put(flags, ConfigSetting.MANIFESTS, manifests);
      put(flags, ConfigSetting.STATUS_FILE, statusFile);
      put(flags, ConfigSetting.RESCAN_INTERVAL, rescanInterval);
      GatewayConfig config = resolve(flags);
      return main.serve(EmbeddedGateway.builder().config(config));
    }
  }

  @Command(name = "controller", mixinStandardHelpOptions = true, footer = FOOTER,
      description = "Serve a Kubernetes cluster: informers, status subresource, leader election.")
  static final class Controller implements Callable<Integer> {
    @CommandLine.ParentCommand GatewayMain main;
    @Mixin SharedOptions shared;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
        description = "Kubeconfig file (default: in-cluster config, else KUBECONFIG or "
            + "~/.kube/config).")
    File kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
        description = "Kubeconfig context (default: the current context).")
    String context;

    @Option(names = "--leader-election", negatable = true,
        description = "Write statuses only while holding the Lease (default true).")
    Boolean leaderElection;

    @Option(names = "--lease-name", paramLabel = "NAME",
        description = "Lease name (default grpc-conformance-gateway).")
    String leaseName;

    @Option(names = "--lease-namespace", paramLabel = "NS",
        description = "Lease namespace (default env POD_NAMESPACE, else grpc-conformance-system).")
    String leaseNamespace;

    @Option(names = "--lease-identity", paramLabel = "ID",
        description = "Holder identity (default env POD_NAME, else host name + random suffix).")
    String leaseIdentity;

    @Option(names = "--lease-duration", paramLabel = "DURATION",
        description = "Lease validity without renewal (default 15s).")
    String leaseDuration;

    @Option(names = "--renew-deadline", paramLabel = "DURATION",
        description = "How long the leader retries renewing before giving up (default 10s).")
    String renewDeadline;

    @Option(names = "--retry-period", paramLabel = "DURATION",
        description = "How often candidates try to acquire or renew (default 2s).")
    String retryPeriod;

    @Override
    public Integer call() throws InterruptedException {
      Map<String, String> flags = shared.flags();
      put(flags, ConfigSetting.LEADER_ELECTION, leaderElection);
      put(flags, ConfigSetting.LEASE_NAME, leaseName);
      put(flags, ConfigSetting.LEASE_NAMESPACE, leaseNamespace);
      put(flags, ConfigSetting.LEASE_IDENTITY, leaseIdentity);
      put(flags, ConfigSetting.LEASE_DURATION, leaseDuration);
      put(flags, ConfigSetting.RENEW_DEADLINE, renewDeadline);
      put(flags, ConfigSetting.RETRY_PERIOD, retryPeriod);
      GatewayConfig config = resolve(flags);
      Config clientConfig = kubeconfig != null
          ? Config.fromKubeconfig(context, kubeconfig)
          : Config.autoConfigure(context);
      try (KubernetesClient client =
          new KubernetesClientBuilder().withConfig(clientConfig).build()) {
        return main.serve(EmbeddedGateway.builder().config(config).kubernetesClient(client));
      }
    }
  }

  private static GatewayConfig resolve(Map<String, String> flags) {
    return GatewayConfig.resolve(
        GatewayConfig.defaults(), System.getenv(), System.getProperties(), flags);
  }

  private static void put(Map<String, String> flags, ConfigSetting setting, Object value) {
    if (value != null) {
      flags.put(setting.flag(), value.toString());
    }
  }

  /** Starts the gateway, prints LISTENING lines as ports are bound, and runs until stopped. */
  int serve(EmbeddedGateway.Builder builder) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    if (shutdownHook) {
      // SIGTERM: stop taking configuration, let open streams drain, then let the JVM exit.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.countDown();
        try {
          closed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "gateway-shutdown"));
    }
    try (EmbeddedGateway gateway = customize.apply(builder).start()) {
      PortPrinter printer = new PortPrinter(out, gateway.config().bindAddress());
      gateway.addListener((generation, result) ->
          printer.print(gateway.ports(), result.table().ports()));
      printer.print(gateway.ports(), gateway.lastResult().table().ports());
      stop.await();
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /** Prints a LISTENING line for every declared port whose bound port or protocol changed. */
  static final class PortPrinter {
    private final PrintStream out;
    private final String bind;
    private final Map<Integer, String> printed = new TreeMap<>();

    PortPrinter(PrintStream out, String bind) {
      this.out = out;
      this.bind = bind.contains(":") ? "[" + bind + "]" : bind;
    }

    synchronized void print(Map<Integer, Integer> bound, Map<Integer, PortRoutes> declared) {
      new TreeMap<>(bound).forEach((port, actual) -> {
        PortRoutes routes = declared.get(port);
        String protocol = routes == null ? "HTTP" : routes.protocol().name();
        String line = "LISTENING " + port + " " + bind + ":" + actual + " " + protocol;
        if (!line.equals(printed.put(port, line))) {
          out.println(line);
          out.flush();
        }
      });
      printed.keySet().retainAll(bound.keySet());
    }
  }
}
