package io.grpcconformance.netpol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A namespace and its labels. The label {@value #METADATA_NAME_LABEL} is always present with the
 * namespace's name, because the API server sets it on every namespace (immutable since 1.21).
 */
public record NamespaceInfo(String name, Map<String, String> labels) {

  /** The label every namespace carries with its own name. */
  public static final String METADATA_NAME_LABEL = "kubernetes.io/metadata.name";

  public NamespaceInfo {
    Objects.requireNonNull(name, "name");
    Map<String, String> all = new LinkedHashMap<>(labels == null ? Map.of() : labels);
    // The API server overwrites any user value of this label with the name.
    all.put(METADATA_NAME_LABEL, name);
    labels = Map.copyOf(all);
  }
}
