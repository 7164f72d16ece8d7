package io.grpcconformance.harness.isolation;

import io.grpcconformance.samples.probe.ProbeDurations;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Every knob of the in-cluster isolation checks, resolved {@link #defaults()} → environment
 * variables {@code CONFORMANCE_ISOLATION_<NAME>} → system properties {@code
 * conformance.isolation.<name>} (later wins). Durations accept {@code 2s}, {@code 500ms}, {@code
 * 1m}, ISO-8601 or bare seconds. The timing defaults follow ingress-netpol.md Part C.
 *
 * @param probeTimeout bound of one TCP connect and, separately, of one gRPC health check inside a
 *     pod. Default 2s (upstream uses 1s; Calico drops, so a blocked probe costs all of it)
 * @param pollInterval pause between two polls of the cells that do not match yet. Default 1s
 * @param cellConvergence how long after a policy change a cell may take to match. Default 30s
 *     (upstream 10s; loaded CI clusters need more)
 * @param baseline how long, before any policy, every cell may take to become open. Default 60s
 * @param canary how long the enforcement canary's default deny may take to block. Default 30s
 * @param podsReady how long the model's nine pods may take to become Ready. Default 180s
 * @param execOverhead what one exec may take on top of its probes (API round trip, JVM start).
 *     Default 30s
 * @param workers concurrent execs (one per source pod at most). Default 9
 * @param grpcHealth whether probes also run a gRPC health check on a fresh channel. Default true
 * @param ignoreLoopback whether pod-to-itself cells are left out, as upstream does (hairpin
 *     behaviour differs between CNIs). Default true
 * @param image the sample-services image of the model pods. Default {@code
 *     grpc-conformance/sample-services:0.1.0}
 * @param probeCommand the command exec'd in a source pod, before {@code --target ...}. Default the
 *     Jib image's entrypoint with the probe subcommand: {@code java -XX:TieredStopAtLevel=1
 *     -XX:+UseSerialGC -cp @/app/jib-classpath-file io.grpcconformance.samples.SampleServicesMain
 *     probe} (space-separated in properties)
 * @param gatewayNamespace the namespace of the gateway's pods, for gateway-only policies. Default
 *     {@code grpc-conformance-system} (manifests/gateway)
 * @param gatewayPodLabels the labels of the gateway's pods ({@code k=v,k2=v2}). Default {@code
 *     app.kubernetes.io/name=grpc-conformance-gateway}
 */
public record IsolationConfig(
    Duration probeTimeout,
    Duration pollInterval,
    Duration cellConvergence,
    Duration baseline,
    Duration canary,
    Duration podsReady,
    Duration execOverhead,
    int workers,
    boolean grpcHealth,
    boolean ignoreLoopback,
    String image,
    List<String> probeCommand,
    String gatewayNamespace,
    Map<String, String> gatewayPodLabels) {

  /** Property prefix of every component. */
  public static final String PREFIX = "conformance.isolation.";

  public IsolationConfig {
    for (Duration d :
        List.of(
            probeTimeout, pollInterval, cellConvergence, baseline, canary, podsReady, execOverhead)) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("isolation durations must be positive: " + d);
      }
    }
    if (workers < 1) {
      throw new IllegalArgumentException(PREFIX + "workers must be at least 1: " + workers);
    }
    Objects.requireNonNull(image, "image");
    probeCommand = List.copyOf(probeCommand);
    if (probeCommand.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + "probeCommand must not be empty");
    }
    Objects.requireNonNull(gatewayNamespace, "gatewayNamespace");
    gatewayPodLabels = Map.copyOf(gatewayPodLabels);
  }

  /** The documented defaults. */
  public static IsolationConfig defaults() {
    return new IsolationConfig(
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofSeconds(180),
        Duration.ofSeconds(30),
        9,
        true,
        true,
        "grpc-conformance/sample-services:0.1.0",
        List.of(
            "java",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            "@/app/jib-classpath-file",
            "io.grpcconformance.samples.SampleServicesMain",
            "probe"),
        "grpc-conformance-system",
        Map.of("app.kubernetes.io/name", "grpc-conformance-gateway"));
  }

  /** Defaults, then this process's environment, then its system properties. */
  public static IsolationConfig load() {
    return resolve(System.getenv(), System.getProperties());
  }

  /**
   * Defaults, then {@code env} ({@code CONFORMANCE_ISOLATION_PROBE_TIMEOUT}), then {@code
   * properties} ({@code conformance.isolation.probeTimeout}).
   *
   * @throws IllegalArgumentException naming the key and the bad value
   */
  public static IsolationConfig resolve(Map<String, String> env, Properties properties) {
    IsolationConfig d = defaults();
    Lookup in = new Lookup(env, properties);
    return new IsolationConfig(
        in.get("probeTimeout", d.probeTimeout, ProbeDurations::parse),
        in.get("pollInterval", d.pollInterval, ProbeDurations::parse),
        in.get("cellConvergence", d.cellConvergence, ProbeDurations::parse),
        in.get("baseline", d.baseline, ProbeDurations::parse),
        in.get("canary", d.canary, ProbeDurations::parse),
        in.get("podsReady", d.podsReady, ProbeDurations::parse),
        in.get("execOverhead", d.execOverhead, ProbeDurations::parse),
        in.get("workers", d.workers, Integer::parseInt),
        in.get("grpcHealth", d.grpcHealth, IsolationConfig::bool),
        in.get("ignoreLoopback", d.ignoreLoopback, IsolationConfig::bool),
        in.get("image", d.image, s -> s),
        in.get("probeCommand", d.probeCommand, s -> Arrays.asList(s.trim().split("\\s+"))),
        in.get("gatewayNamespace", d.gatewayNamespace, s -> s),
        in.get("gatewayPodLabels", d.gatewayPodLabels, IsolationConfig::labels));
  }

  /**
   * What one exec of {@code targets} probes may take: every probe phase plus the overhead (the
   * probes of one exec run concurrently, so two phases bound them all).
   */
  public Duration execTimeout() {
    Duration phases = probeTimeout.multipliedBy(grpcHealth ? 2 : 1);
    return phases.plus(execOverhead);
  }

  /** The same configuration with other timings (tests shorten them). */
  public IsolationConfig withTimings(
      Duration probeTimeout, Duration pollInterval, Duration cellConvergence, Duration canary) {
    return new IsolationConfig(
        probeTimeout,
        pollInterval,
        cellConvergence,
        baseline,
        canary,
        podsReady,
        execOverhead,
        workers,
        grpcHealth,
        ignoreLoopback,
        image,
        probeCommand,
        gatewayNamespace,
        gatewayPodLabels);
  }

  /** The same configuration with another model image (the suite's {@code conformance.sampleImage}). */
  public IsolationConfig withImage(String sampleImage) {
    return new IsolationConfig(
        probeTimeout,
        pollInterval,
        cellConvergence,
        baseline,
        canary,
        podsReady,
        execOverhead,
        workers,
        grpcHealth,
        ignoreLoopback,
        sampleImage,
        probeCommand,
        gatewayNamespace,
        gatewayPodLabels);
  }

  private static boolean bool(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    };
  }

  /** Parses {@code k=v,k2=v2}. */
  static Map<String, String> labels(String s) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String pair : s.split(",")) {
      String p = pair.trim();
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("'" + p + "' is not key=value");
      }
      labels.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
    }
    return labels;
  }

  /** Reads one component from the environment and the properties. */
  private record Lookup(Map<String, String> env, Properties properties) {
    <T> T get(String name, T fallback, Function<String, T> parse) {
      String key = PREFIX + name;
      String var = "CONFORMANCE_ISOLATION_" + name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      String value = properties.getProperty(key, env.get(var));
      if (value == null) {
        return fallback;
      }
      try {
        return parse.apply(value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            key + " (or " + var + "): bad value '" + value + "': " + e.getMessage(), e);
      }
    }
  }
}
