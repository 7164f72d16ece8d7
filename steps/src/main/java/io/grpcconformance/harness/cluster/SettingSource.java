package io.grpcconformance.harness.cluster;

import io.grpcconformance.harness.config.ConfigLoader;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Looks a setting up as system property {@code conformance.k3s.clusterCidr}, then environment variable
 * {@code CONFORMANCE_K3S_CLUSTER_CIDR}, then the default: system properties win over the environment.
 */
public final class SettingSource {
  private final Map<String, String> env;
  private final Properties properties;

  public SettingSource(Map<String, String> env, Properties properties) {
    this.env = Map.copyOf(env);
    this.properties = properties;
  }

  /** The process's environment and system properties. */
  public static SettingSource system() {
    return new SettingSource(System.getenv(), System.getProperties());
  }

  /** The environment variable name for a property: dots become underscores, camelCase becomes SNAKE_CASE. */
  public static String envName(String property) {
    return ConfigLoader.envName(property);
  }

  /** The value, or {@code defaultValue} when neither the property nor the variable is set (blank counts as unset). */
  public String get(String property, String defaultValue) {
    String value = properties.getProperty(property);
    if (value == null || value.isBlank()) {
      value = env.get(envName(property));
    }
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  /** A boolean setting: {@code true} or {@code false}, anything else is an error naming the property. */
  public boolean getBoolean(String property, boolean defaultValue) {
    String value = get(property, Boolean.toString(defaultValue));
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(property + ": '" + value + "' is not true or false");
    };
  }

  /** A duration setting: {@code 90s}, {@code 5m}, {@code 1m30s}, {@code 1500ms}, plain seconds, or ISO-8601. */
  public Duration getDuration(String property, Duration defaultValue) {
    String value = get(property, null);
    return value == null ? defaultValue : parseDuration(property, value);
  }

  /** The suite's duration syntax (ConfigLoader), so both configurations read durations the same way. */
  static Duration parseDuration(String property, String value) {
    return ConfigLoader.parseDuration(property, value);
  }
}
