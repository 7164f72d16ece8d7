package io.grpcconformance.gateway.provider.file;

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
import java.util.Map;
import java.util.Set;

/** The apiVersion/kind pairs a manifests folder may hold, and the model class of each. */
final class ManifestKinds {
  private static final String GATEWAY_V1 = "gateway.networking.k8s.io/v1";
  /** ReferenceGrant v1beta1 has the same schema as v1 and is read as v1. */
  static final String REFERENCE_GRANT_V1BETA1 = "gateway.networking.k8s.io/v1beta1";

  private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
      Map.entry(GATEWAY_V1 + " GatewayClass", GatewayClass.class),
      Map.entry(GATEWAY_V1 + " Gateway", Gateway.class),
      Map.entry(GATEWAY_V1 + " GRPCRoute", GRPCRoute.class),
      Map.entry(GATEWAY_V1 + " HTTPRoute", HTTPRoute.class),
      Map.entry(GATEWAY_V1 + " ReferenceGrant", ReferenceGrant.class),
      Map.entry(REFERENCE_GRANT_V1BETA1 + " ReferenceGrant", ReferenceGrant.class),
      Map.entry("v1 Namespace", Namespace.class),
      Map.entry("v1 Service", Service.class),
      Map.entry("v1 Secret", Secret.class),
      Map.entry("discovery.k8s.io/v1 EndpointSlice", EndpointSlice.class),
      Map.entry("networking.k8s.io/v1 Ingress", Ingress.class),
      Map.entry("networking.k8s.io/v1 IngressClass", IngressClass.class));

  private static final Set<Class<?>> CLUSTER_SCOPED =
      Set.of(GatewayClass.class, Namespace.class, IngressClass.class);

  private ManifestKinds() {}

  /** The model class for {@code apiVersion} and {@code kind}, or null when not supported. */
  static Class<? extends HasMetadata> type(String apiVersion, String kind) {
    return TYPES.get(apiVersion + " " + kind);
  }

  /** Whether objects of {@code type} have no namespace. */
  static boolean clusterScoped(Class<?> type) {
    return CLUSTER_SCOPED.contains(type);
  }
}
