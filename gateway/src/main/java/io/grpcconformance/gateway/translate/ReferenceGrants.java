package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a cross-namespace reference is permitted by a ReferenceGrant (v1) in the target
 * namespace (referencegrant_types.go): some {@code from} entry must match the referring object's
 * group, kind and namespace exactly, and some {@code to} entry the target's group and kind, with
 * its name when the entry names one (no name: every object of that kind). Entries are ORed and
 * grants add up. The core group is {@code ""}.
 */
final class ReferenceGrants {
  private final List<ReferenceGrant> grants;

  ReferenceGrants(List<ReferenceGrant> grants) {
    this.grants = List.copyOf(grants);
  }

  /** Whether a reference from (group, kind, namespace) to (group, kind, ns, name) is allowed. */
  boolean permits(
      String fromGroup, String fromKind, String fromNamespace,
      String toGroup, String toKind, String toNamespace, String toName) {
    if (fromNamespace.equals(toNamespace)) {
      return true;
    }
    for (ReferenceGrant grant : grants) {
      if (!Meta.namespace(grant).equals(toNamespace) || grant.getSpec() == null) {
        continue;
      }
      boolean fromOk = false;
      for (ReferenceGrantFrom from : nonNull(grant.getSpec().getFrom())) {
        if (group(from.getGroup()).equals(fromGroup)
            && Objects.equals(from.getKind(), fromKind)
            && Objects.equals(from.getNamespace(), fromNamespace)) {
          fromOk = true;
          break;
        }
      }
      if (!fromOk) {
        continue;
      }
      for (ReferenceGrantTo to : nonNull(grant.getSpec().getTo())) {
        if (group(to.getGroup()).equals(toGroup)
            && Objects.equals(to.getKind(), toKind)
            && (Meta.isBlank(to.getName()) || to.getName().equals(toName))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String group(String g) {
    return g == null ? "" : g;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
