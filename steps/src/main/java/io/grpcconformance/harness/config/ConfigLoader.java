package io.grpcconformance.harness.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Resolves {@link ConformanceConfig} from layered sources. Each record component is looked up by
 * its key in every layer; the last layer that has a value wins (defaults → properties file →
 * environment → system properties). Nested records are resolved component by component.
 */
public final class ConfigLoader {

  private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
  private static final String PREFIX = "conformance";

  private final List<Function<String, String>> layers;

  /**
   * A loader over explicit layers, lowest precedence first; each maps a dotted key such as {@code
   * conformance.timeouts.pollInterval} to a value or null.
   */
  public ConfigLoader(List<Function<String, String>> layers) {
    this.layers = List.copyOf(layers);
  }

  /**
   * The standard order: {@code conformance.properties} from the classpath, then the same file in
   * the working directory, then {@code CONFORMANCE_*} variables, then {@code conformance.*} system
   * properties.
   */
  public static ConfigLoader standard() {
    Properties classpath = loadClasspath("conformance.properties");
    Properties workingDir = loadFile(Path.of("conformance.properties"));
    Map<String, String> env = System.getenv();
    return new ConfigLoader(
        List.of(
            classpath::getProperty,
            workingDir::getProperty,
            key -> env.get(envName(key)),
            System::getProperty));
  }

  /** The standard configuration of this run; unknown {@code conformance.*} settings are logged. */
  public static ConformanceConfig load() {
    unknownKeys(System.getProperties().stringPropertyNames(), System.getenv().keySet())
        .forEach(k -> LOG.warning("unknown setting " + k + " ignored (see ConformanceConfig)"));
    return standard().resolve();
  }

  /**
   * The names among {@code systemProperties} ({@code conformance.*}) and {@code environment}
   * ({@code CONFORMANCE_*}) that match no configuration key: usually typos.
   */
  public static List<String> unknownKeys(
      java.util.Collection<String> systemProperties, java.util.Collection<String> environment) {
    List<String> known = keys();
    List<String> knownEnv = known.stream().map(ConfigLoader::envName).toList();
    List<String> out = new ArrayList<>();
    systemProperties.stream()
        .filter(k -> k.startsWith(PREFIX + ".") && !known.contains(k) && !ownedElsewhere(k))
        .sorted()
        .forEach(out::add);
    environment.stream()
        .filter(k -> k.startsWith("CONFORMANCE_") && !knownEnv.contains(k) && !ownedElsewhere(k))
        .sorted()
        .forEach(out::add);
    return out;
  }

  /**
   * Settings of components with their own configuration record (IsolationConfig, the cluster
   * environments' ClusterSettings and ClusterTimeouts), which check their own keys.
   */
  private static final List<String> OWNED_ELSEWHERE = List.of(
      "conformance.isolation.", "conformance.k3s.", "conformance.calico.", "conformance.gatewayApi.",
      "conformance.kind.", "conformance.images.", "conformance.kubeContext",
      "conformance.allowedContexts", "conformance.gatewayImage");

  private static boolean ownedElsewhere(String key) {
    return OWNED_ELSEWHERE.stream()
        .anyMatch(p -> key.startsWith(p) || key.startsWith(envName(p).replaceAll("_$", "")));
  }

  /** Resolves the configuration over the defaults. */
  public ConformanceConfig resolve() {
    return resolveRecord(PREFIX, ConformanceConfig.defaults());
  }

  /** {@code conformance.timeouts.pollInterval} → {@code CONFORMANCE_TIMEOUTS_POLL_INTERVAL}. */
  public static String envName(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /**
   * Parses {@code 30s}, {@code 100ms}, {@code 2m}, {@code 1h}, {@code 1m30s}, ISO-8601 {@code
   * PT30S}, or a bare number of seconds.
   */
  public static Duration parseDuration(String key, String text) {
    String s = text.trim();
    try {
      if (s.startsWith("P") || s.startsWith("p")) {
        return Duration.parse(s);
      }
      if (s.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(s));
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(s);
      Duration total = Duration.ZERO;
      int end = 0;
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  default -> Duration.ofHours(n);
                });
        end = m.end();
      }
      if (end == s.length() && end > 0) {
        return total;
      }
    } catch (RuntimeException e) {
      // fall through to the one-line error below
    }
    throw new IllegalArgumentException(
        key + ": cannot parse '" + text + "' as a duration (use 30s, 100ms, 2m, 1m30s or PT30S)");
  }

  private <R extends Record> R resolveRecord(String prefix, R defaults) {
    RecordComponent[] components = defaults.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String key = prefix + "." + c.getName();
      types[i] = c.getType();
      Object current = read(c, defaults);
      if (Record.class.isAssignableFrom(c.getType())) {
        values[i] = resolveRecord(key, (Record) current);
      } else {
        values[i] = lookup(key).map(v -> convert(key, c, v)).orElse(current);
      }
    }
    try {
      @SuppressWarnings("unchecked")
      Constructor<R> canonical = (Constructor<R>) defaults.getClass().getDeclaredConstructor(types);
      return canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + defaults.getClass().getSimpleName(), e);
    }
  }

  private Optional<String> lookup(String key) {
    String found = null;
    for (Function<String, String> layer : layers) { // later layers override earlier ones
      String v = layer.apply(key);
      if (v != null && !v.isBlank()) {
        found = v.trim();
      }
    }
    return Optional.ofNullable(found);
  }

  private static Object read(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object convert(String key, RecordComponent c, String value) {
    Class<?> t = c.getType();
    if (t == String.class) {
      return value;
    }
    if (t == int.class) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + ": '" + value + "' is not an integer");
      }
    }
    if (t == boolean.class) {
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(key + ": '" + value + "' is not true or false");
      }
      return Boolean.parseBoolean(value);
    }
    if (t == Duration.class) {
      return parseDuration(key, value);
    }
    if (t == Path.class) {
      return Path.of(value);
    }
    if (t == List.class) {
      return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    throw new IllegalStateException(key + ": unsupported configuration type " + t);
  }

  private static Properties loadClasspath(String resource) {
    Properties p = new Properties();
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      LOG.warning("classpath " + resource + ": cannot read (" + e.getMessage() + "); ignored");
    }
    return p;
  }

  private static Properties loadFile(Path file) {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        LOG.warning(file.toAbsolutePath() + ": cannot read (" + e.getMessage() + "); ignored");
      }
    }
    return p;
  }

  /** Every key this loader understands, for documentation and typo warnings. */
  public static List<String> keys() {
    List<String> out = new ArrayList<>();
    collectKeys(PREFIX, ConformanceConfig.class, out);
    return out;
  }

  private static void collectKeys(String prefix, Class<?> type, List<String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      String key = prefix + "." + c.getName();
      if (Record.class.isAssignableFrom(c.getType())) {
        collectKeys(key, c.getType(), out);
      } else {
        out.add(key);
      }
    }
  }
}
