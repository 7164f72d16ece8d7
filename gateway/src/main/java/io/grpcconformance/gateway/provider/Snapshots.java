package io.grpcconformance.gateway.provider;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link GatewaySnapshot} from a bag of objects. Both providers use it, so the translator
 * sees the same order whatever the source: each list sorted by namespace, then name.
 */
public final class Snapshots {
  /** Namespace (cluster-scoped first), then name. */
  public static final Comparator<HasMetadata> BY_NAMESPACE_AND_NAME = Comparator
      .comparing((HasMetadata o) -> Objects.toString(o.getMetadata().getNamespace(), ""))
      .thenComparing(o -> o.getMetadata().getName());

  private Snapshots() {}

  /** A snapshot of {@code objects}; objects of other kinds are ignored. */
  public static GatewaySnapshot of(Collection<? extends HasMetadata> objects) {
    return new GatewaySnapshot(
        select(objects, GatewayClass.class),
        select(objects, Gateway.class),
        select(objects, GRPCRoute.class),
        select(objects, HTTPRoute.class),
        select(objects, ReferenceGrant.class),
        select(objects, Namespace.class),
        select(objects, Service.class),
        select(objects, EndpointSlice.class),
        select(objects, Secret.class),
        select(objects, Ingress.class),
        select(objects, IngressClass.class));
  }

  /** The objects of exactly {@code type}, sorted. */
  public static <T extends HasMetadata> List<T> select(
      Collection<? extends HasMetadata> objects, Class<T> type) {
    return objects.stream()
        .filter(o -> o.getClass() == type)
        .map(type::cast)
        .sorted(BY_NAMESPACE_AND_NAME)
        .toList();
  }

  /** {@code Kind namespace/name}, or {@code Kind name} for cluster-scoped objects. */
  public static String describe(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return object.getKind() + " " + (ns == null ? "" : ns + "/") + object.getMetadata().getName();
  }
}
