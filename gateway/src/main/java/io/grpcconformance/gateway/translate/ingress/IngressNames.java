package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Locale;

/** Naming helpers shared by the Ingress translation classes. */
final class IngressNames {
  /** The namespace of an object whose manifest names none. */
  static final String DEFAULT_NAMESPACE = "default";

  private IngressNames() {}

  static String namespace(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }

  static String key(HasMetadata object) {
    return namespace(object) + "/" + object.getMetadata().getName();
  }

  /** One problem line: {@code Ingress ns/name: field: reason}. */
  static String problem(HasMetadata ingress, String field, String reason) {
    return "Ingress " + key(ingress) + ": " + field + ": " + reason;
  }

  /** A rule host as served: lower case without a trailing dot; empty becomes {@code *}. */
  static String host(String ruleHost) {
    if (ruleHost == null || ruleHost.isBlank()) {
      return "*";
    }
    String host = ruleHost.trim().toLowerCase(Locale.ROOT);
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
