package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** Null-safe reads of object metadata, shared by every translator step. */
final class Meta {

  /** The namespace of an object that names none (a manifest document without a namespace). */
  static final String DEFAULT_NAMESPACE = "default";

  /** The lastTransitionTime used when an object has no creationTimestamp. */
  static final String EPOCH = "1970-01-01T00:00:00Z";

  /**
   * Oldest first (creationTimestamp), then "{namespace}/{name}". Objects without a parseable
   * creationTimestamp sort after every object that has one: an unknown age never wins a tie-break
   * the spec decides by age (grpcroute_types.go "The oldest Route based on creation timestamp").
   */
  static final Comparator<HasMetadata> OLDEST_FIRST =
      Comparator.comparing((HasMetadata o) -> created(o).orElse(Instant.MAX))
          .thenComparing(Meta::key);

  private Meta() {}

  static String namespace(HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    String ns = m == null ? null : m.getNamespace();
    return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
  }

  static String name(HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    String n = m == null ? null : m.getName();
    return n == null ? "" : n;
  }

  /** "{namespace}/{name}". */
  static String key(HasMetadata o) {
    return namespace(o) + "/" + name(o);
  }

  /** "{Kind} {namespace}/{name}" for problem lines and messages. */
  static String describe(HasMetadata o) {
    return o.getKind() + " " + key(o);
  }

  /**
   * metadata.generation, or 0 when absent (manifest documents carry no generation; 0 keeps the
   * value honest instead of inventing the API server's first generation, 1).
   */
  static long generation(HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    Long g = m == null ? null : m.getGeneration();
    return g == null ? 0L : g;
  }

  /** The parsed creationTimestamp, empty when absent or unparseable. */
  static Optional<Instant> created(HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    String ts = m == null ? null : m.getCreationTimestamp();
    if (ts == null || ts.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(ts));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The fixed lastTransitionTime of every condition written for {@code o}: its creationTimestamp,
   * else the epoch. The translator may not read the clock, so it cannot know when a condition
   * changed; the status writer keeps the stored lastTransitionTime when a condition's status did
   * not change and stamps the current time when it did.
   */
  static String transitionTime(HasMetadata o) {
    return created(o).map(Instant::toString).orElse(EPOCH);
  }

  static Map<String, String> labels(HasMetadata o) {
    ObjectMeta m = o.getMetadata();
    Map<String, String> l = m == null ? null : m.getLabels();
    return l == null ? Map.of() : l;
  }

  /** Null and empty strings are both "not set" in the Gateway API types. */
  static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }

  static String orDefault(String s, String dflt) {
    return s == null ? dflt : s;
  }
}
