package io.grpcconformance.gateway.config;

import io.grpcconformance.gateway.dataplane.DataPlaneConfig;
import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Every setting of one gateway process, resolved once in this order (later wins): built-in
 * {@link #defaults()} → environment {@code GATEWAY_*} → system properties {@code gateway.*} →
 * CLI flags. {@link ConfigSetting} names each setting in all three forms.
 *
 * @param controllerName GatewayClass {@code spec.controllerName} this gateway owns (default
 *     {@value TranslatorConfig#DEFAULT_CONTROLLER_NAME})
 * @param ingressClasses Ingress class names served (default {@code [nginx]})
 * @param ingressHttpPort declared port for Ingress cleartext traffic (default 80)
 * @param ingressHttpsPort declared port for Ingress TLS traffic (default 443)
 * @param bindAddress address every listener binds (default {@code 0.0.0.0})
 * @param ephemeralPorts bind each declared port on a free ephemeral port instead (default false;
 *     embedded use and tests)
 * @param statusAddress address written to Gateway {@code status.addresses} and Ingress
 *     {@code status.loadBalancer}; empty means env {@code POD_IP}, else the bind address unless it
 *     is a wildcard (default empty)
 * @param manifests standalone mode: the folder of YAML manifests (default none)
 * @param statusFile standalone mode: where statuses are written (default none: not written)
 * @param resyncDelay coalescing delay: after a change the runtime waits this long before it
 *     translates, so a burst of changes becomes one translation; also the debounce of the
 *     manifests folder watch (default 100 ms)
 * @param rescanInterval standalone mode: the manifests folder is rescanned this often in case the
 *     file watch missed a change (default 2 s)
 * @param startTimeout how long start-up waits for the first configuration to be applied (default
 *     60 s; informers of a large cluster may take a while to sync)
 * @param lease leader election settings (Kubernetes mode)
 */
public record GatewayConfig(
    String controllerName,
    List<String> ingressClasses,
    int ingressHttpPort,
    int ingressHttpsPort,
    String bindAddress,
    boolean ephemeralPorts,
    String statusAddress,
    Optional<Path> manifests,
    Optional<Path> statusFile,
    Duration resyncDelay,
    Duration rescanInterval,
    Duration startTimeout,
    Lease lease) {

  /**
   * Leader election with a {@code coordination.k8s.io/v1} Lease: only the leader writes statuses,
   * every replica serves traffic. Durations follow client-go's defaults.
   *
   * @param enabled elect a leader before writing statuses (default true; EmbeddedGateway: false)
   * @param name Lease name (default {@code grpc-conformance-gateway})
   * @param namespace Lease namespace (default env {@code POD_NAMESPACE}, else
   *     {@code grpc-conformance-system})
   * @param identity this replica's holder identity (default env {@code POD_NAME}; empty means the
   *     host name plus a random suffix)
   * @param duration how long a lease is valid without renewal (default 15 s)
   * @param renewDeadline how long the leader keeps trying to renew before giving up (default 10 s)
   * @param retryPeriod how often candidates retry to acquire or renew (default 2 s)
   */
  public record Lease(
      boolean enabled,
      String name,
      String namespace,
      String identity,
      Duration duration,
      Duration renewDeadline,
      Duration retryPeriod) {

    public Lease {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(renewDeadline, "renewDeadline");
      Objects.requireNonNull(retryPeriod, "retryPeriod");
      // client-go rule: leaseDuration > renewDeadline > retryPeriod (JITTER_FACTOR * retryPeriod).
      if (duration.compareTo(renewDeadline) <= 0 || renewDeadline.compareTo(retryPeriod) <= 0) {
        throw new IllegalArgumentException(
            "lease durations must satisfy duration > renew-deadline > retry-period, got "
                + duration + " / " + renewDeadline + " / " + retryPeriod);
      }
    }

    /** This lease with another holder identity. */
    public Lease withIdentity(String value) {
      return new Lease(enabled, name, namespace, value, duration, renewDeadline, retryPeriod);
    }
  }

  public GatewayConfig {
    Objects.requireNonNull(controllerName, "controllerName");
    ingressClasses = List.copyOf(ingressClasses);
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(statusAddress, "statusAddress");
    Objects.requireNonNull(manifests, "manifests");
    Objects.requireNonNull(statusFile, "statusFile");
    Objects.requireNonNull(resyncDelay, "resyncDelay");
    Objects.requireNonNull(rescanInterval, "rescanInterval");
    Objects.requireNonNull(startTimeout, "startTimeout");
    Objects.requireNonNull(lease, "lease");
  }

  /** The built-in defaults, the one place they are decided. */
  public static GatewayConfig defaults() {
    return new GatewayConfig(
        TranslatorConfig.DEFAULT_CONTROLLER_NAME,
        List.of("nginx"),
        80,
        443,
        "0.0.0.0",
        false,
        "",
        Optional.empty(),
        Optional.empty(),
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        new Lease(
            true,
            "grpc-conformance-gateway",
            "grpc-conformance-system",
            "",
            Duration.ofSeconds(15),
            Duration.ofSeconds(10),
            Duration.ofSeconds(2)));
  }

  /** Defaults, then this process's environment and system properties. */
  public static GatewayConfig fromEnvironment() {
    return resolve(defaults(), System.getenv(), System.getProperties(), Map.of());
  }

  /**
   * Applies the layers on top of {@code base}: {@code env} ({@code GATEWAY_*} and the Downward API
   * aliases), then {@code systemProperties} ({@code gateway.*}), then {@code flags} (keyed by
   * {@link ConfigSetting#flag()} without dashes). Throws {@link IllegalArgumentException} with one
   * line naming the variable, property or flag for a value that does not parse.
   */
  public static GatewayConfig resolve(
      GatewayConfig base,
      Map<String, String> env,
      Properties systemProperties,
      Map<String, String> flags) {
    GatewayConfigBuilder builder = new GatewayConfigBuilder(base);
    for (ConfigSetting setting : ConfigSetting.values()) {
      // Precedence inside the environment: GATEWAY_* beats the Downward API alias (POD_IP, ...).
      String fromEnv = env.get(setting.envVar());
      String source = setting.envVar();
      if (fromEnv == null && setting.envAlias() != null) {
        fromEnv = env.get(setting.envAlias());
        source = setting.envAlias();
      }
      setting.applyIfPresent(builder, fromEnv, source);
      setting.applyIfPresent(
          builder, systemProperties.getProperty(setting.property()), setting.property());
      setting.applyIfPresent(builder, flags.get(setting.flag()), "--" + setting.flag());
    }
    return builder.build();
  }

  /** A builder holding this config's values, for programmatic overrides. */
  public GatewayConfigBuilder toBuilder() {
    return new GatewayConfigBuilder(this);
  }

  /** The translator's part of this configuration. */
  public TranslatorConfig translatorConfig() {
    return new TranslatorConfig(controllerName, ingressClasses, ingressHttpPort, ingressHttpsPort);
  }

  /** The data plane's part of this configuration. */
  public DataPlaneConfig dataPlaneConfig() {
    return new DataPlaneConfig(bindAddress, ephemeralPorts);
  }

  /**
   * The address published in statuses: {@link #statusAddress()} when set, else the bind address
   * unless it is a wildcard, else empty (no address is published).
   */
  public Optional<String> publishedAddress() {
    if (!statusAddress.isBlank()) {
      return Optional.of(statusAddress.trim());
    }
    if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(bindAddress);
  }
}
