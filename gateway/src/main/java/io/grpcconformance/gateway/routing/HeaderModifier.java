package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gateway API {@code HTTPHeaderFilter}: set (replace), add (append) and remove, by lower-case name.
 * Order of application: remove, then set, then add (each name appears in one action only, as the
 * spec's list-map keys require).
 */
public record HeaderModifier(
    Map<String, String> set, Map<String, String> add, List<String> remove) {

  /** No change. */
  public static final HeaderModifier NONE = new HeaderModifier(Map.of(), Map.of(), List.of());

  public HeaderModifier {
    set = lowerKeys(set);
    add = lowerKeys(add);
    remove = remove.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  public boolean isEmpty() {
    return set.isEmpty() && add.isEmpty() && remove.isEmpty();
  }

  private static Map<String, String> lowerKeys(Map<String, String> in) {
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
    return java.util.Collections.unmodifiableMap(out);
  }
}
