package io.grpcconformance.gateway.translate;

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
import java.util.List;

/**
 * Everything the translator reads: the current objects of every kind the gateway watches, as a
 * provider (Kubernetes informers or a manifests folder) last saw them. Immutable; providers build a
 * new snapshot for every change. Objects must not be mutated by anyone after they enter a snapshot.
 */
public record GatewaySnapshot(
    List<GatewayClass> gatewayClasses,
    List<Gateway> gateways,
    List<GRPCRoute> grpcRoutes,
    List<HTTPRoute> httpRoutes,
    List<ReferenceGrant> referenceGrants,
    List<Namespace> namespaces,
    List<Service> services,
    List<EndpointSlice> endpointSlices,
    List<Secret> secrets,
    List<Ingress> ingresses,
    List<IngressClass> ingressClasses) {

  /** No objects at all. */
  public static final GatewaySnapshot EMPTY = new GatewaySnapshot(
      List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of(), List.of());

  public GatewaySnapshot {
    gatewayClasses = List.copyOf(gatewayClasses);
    gateways = List.copyOf(gateways);
    grpcRoutes = List.copyOf(grpcRoutes);
    httpRoutes = List.copyOf(httpRoutes);
    referenceGrants = List.copyOf(referenceGrants);
    namespaces = List.copyOf(namespaces);
    services = List.copyOf(services);
    endpointSlices = List.copyOf(endpointSlices);
    secrets = List.copyOf(secrets);
    ingresses = List.copyOf(ingresses);
    ingressClasses = List.copyOf(ingressClasses);
  }
}
