package io.grpcconformance.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every layered setting of {@link GatewayConfig} under its three names: CLI flag
 * ({@code --ingress-http-port}), environment variable ({@code GATEWAY_INGRESS_HTTP_PORT}) and
 * system property ({@code gateway.ingressHttpPort}), plus the Downward API variable some settings
 * fall back to. Values are parsed here, in one place, so every layer rejects bad input the same
 * way.
 */
public enum ConfigSetting {
  CONTROLLER_NAME("controller-name", null, ConfigSetting::text,
      GatewayConfigBuilder::controllerName),
  INGRESS_CLASSES("ingress-classes", null, ConfigSetting::list,
      GatewayConfigBuilder::ingressClasses),
  INGRESS_HTTP_PORT("ingress-http-port", null, ConfigSetting::port,
      GatewayConfigBuilder::ingressHttpPort),
  INGRESS_HTTPS_PORT("ingress-https-port", null, ConfigSetting::port,
      GatewayConfigBuilder::ingressHttpsPort),
  BIND_ADDRESS("bind", null, ConfigSetting::text, GatewayConfigBuilder::bindAddress),
  EPHEMERAL_PORTS("ephemeral-ports", null, ConfigSetting::bool,
      GatewayConfigBuilder::ephemeralPorts),
  STATUS_ADDRESS("status-address", "POD_IP", ConfigSetting::text,
      GatewayConfigBuilder::statusAddress),
  MANIFESTS("manifests", null, ConfigSetting::path, GatewayConfigBuilder::manifests),
  STATUS_FILE("status-file", null, ConfigSetting::path, GatewayConfigBuilder::statusFile),
  RESYNC_DELAY("resync-delay", null, ConfigSetting::duration, GatewayConfigBuilder::resyncDelay),
  RESCAN_INTERVAL("rescan-interval", null, ConfigSetting::duration,
      GatewayConfigBuilder::rescanInterval),
  START_TIMEOUT("start-timeout", null, ConfigSetting::duration, GatewayConfigBuilder::startTimeout),
  LEADER_ELECTION("leader-election", null, ConfigSetting::bool,
      GatewayConfigBuilder::leaderElection),
  LEASE_NAME("lease-name", null, ConfigSetting::text, GatewayConfigBuilder::leaseName),
  LEASE_NAMESPACE("lease-namespace", "POD_NAMESPACE", ConfigSetting::text,
      GatewayConfigBuilder::leaseNamespace),
  LEASE_IDENTITY("lease-identity", "POD_NAME", ConfigSetting::text,
      GatewayConfigBuilder::leaseIdentity),
  LEASE_DURATION("lease-duration", null, ConfigSetting::duration,
      GatewayConfigBuilder::leaseDuration),
  RENEW_DEADLINE("renew-deadline", null, ConfigSetting::duration,
      GatewayConfigBuilder::renewDeadline),
  RETRY_PERIOD("retry-period", null, ConfigSetting::duration, GatewayConfigBuilder::retryPeriod);

  private final String flag;
  private final String envAlias;
  private final BiConsumer<GatewayConfigBuilder, String> apply;

  <T> ConfigSetting(
      String flag,
      String envAlias,
      Function<String, T> parse,
      BiConsumer<GatewayConfigBuilder, T> setter) {
    this.flag = flag;
    this.envAlias = envAlias;
    this.apply = (builder, raw) -> setter.accept(builder, parse.apply(raw));
  }

  /** The CLI flag without its leading dashes, e.g. {@code ingress-http-port}. */
  public String flag() {
    return flag;
  }

  /** The environment variable, e.g. {@code GATEWAY_INGRESS_HTTP_PORT}. */
  public String envVar() {
    return "GATEWAY_" + flag.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The Downward API variable used when {@link #envVar()} is unset, or null. */
  public String envAlias() {
    return envAlias;
  }

  /** The system property, e.g. {@code gateway.ingressHttpPort}. */
  public String property() {
    StringBuilder camel = new StringBuilder("gateway.");
    boolean upper = false;
    for (char c : flag.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  /** Applies {@code raw} when non-null; a bad value fails with one line naming {@code source}. */
  void applyIfPresent(GatewayConfigBuilder builder, String raw, String source) {
    if (raw == null) {
      return;
    }
    try {
      apply.accept(builder, raw.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static String text(String raw) {
    return raw;
  }

  private static List<String> list(String raw) {
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static int port(String raw) {
    try {
      int port = Integer.parseInt(raw);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a port number (1-65535): '" + raw + "'");
  }

  private static boolean bool(String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false: '" + raw + "'");
    };
  }

  private static Path path(String raw) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    return Path.of(raw);
  }

  private static Duration duration(String raw) {
    return Durations.parse(raw);
  }
}
