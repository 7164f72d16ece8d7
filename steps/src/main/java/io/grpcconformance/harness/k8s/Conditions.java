package io.grpcconformance.harness.k8s;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads Kubernetes status conditions the way the Gateway API suite compares them. */
public final class Conditions {

  private Conditions() {}

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /**
   * Whether {@code type} has {@code status} and (unless {@code reason} is empty) {@code reason},
   * observed at {@code generation} (ignored when either side is unknown).
   */
  public static boolean holds(
      List<Condition> conditions, String type, String status, String reason, Long generation) {
    return find(conditions, type)
        .filter(c -> status.equalsIgnoreCase(c.getStatus()))
        .filter(c -> reason.isEmpty() || reason.equals(c.getReason()))
        .filter(
            c ->
                generation == null
                    || c.getObservedGeneration() == null
                    || generation.equals(c.getObservedGeneration()))
        .isPresent();
  }

  /** {@code Type=Status/Reason@gen} for each condition, for failure messages. */
  public static String describe(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return "[no conditions]";
    }
    return conditions.stream()
        .map(
            c ->
                c.getType()
                    + "="
                    + c.getStatus()
                    + "/"
                    + c.getReason()
                    + (c.getObservedGeneration() == null ? "" : "@" + c.getObservedGeneration()))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
