package io.grpcconformance.harness.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What to attach to a failed scenario: the Gateways, GRPCRoutes and Ingresses of its namespaces
 * with their status, as YAML (the upstream suite's per-test hook). Secrets are never included.
 */
public final class Diagnostics {

  private Diagnostics() {}

  /** YAML of the routing objects in {@code namespaces}; errors become one-line notes. */
  public static String routingObjects(KubernetesClient client, Collection<String> namespaces) {
    StringBuilder b = new StringBuilder();
    for (String ns : namespaces) {
      List<HasMetadata> items = new ArrayList<>();
      try {
        items.addAll(client.resources(Gateway.class).inNamespace(ns).list().getItems());
        items.addAll(client.resources(GRPCRoute.class).inNamespace(ns).list().getItems());
        items.addAll(client.network().v1().ingresses().inNamespace(ns).list().getItems());
      } catch (RuntimeException e) {
        b.append("# ")
            .append(ns)
            .append(": cannot list routing objects: ")
            .append(e.getMessage())
            .append('\n');
      }
      for (HasMetadata item : items) {
        item.getMetadata().setManagedFields(null);
        b.append(Serialization.asYaml(item));
      }
    }
    return b.toString();
  }
}
