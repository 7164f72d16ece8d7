package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCBackendRef;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves a GRPCRoute backendRef (grpcroute_types.go GRPCBackendRef, BackendObjectReference) to a
 * {@link WeightedBackend}:
 *
 * <ol>
 *   <li>a reference into another namespace needs a ReferenceGrant from {@code GRPCRoute} in the
 *       route's namespace to the Service, else RefNotPermitted, decided first so that nothing tells
 *       whether the target exists (referencegrant_types.go);
 *   <li>only core {@code Service} is supported, else InvalidKind; ExternalName Services are not
 *       supported (spec: SHOULD NOT);
 *   <li>the Service and its port ({@code port} is the Service port) must exist, else
 *       BackendNotFound;
 *   <li>endpoints come from the EndpointSlices labelled {@code kubernetes.io/service-name}, taking
 *       the slice port whose name equals the Service port's name, and only ready endpoints
 *       ({@code conditions.ready} unset counts as ready, as EndpointSlice documents).
 * </ol>
 *
 * An unresolved reference becomes {@link WeightedBackend#invalid} with its weight, so its share of
 * traffic is answered UNAVAILABLE (grpcroute_types.go BackendRefs). A Service with no ready
 * endpoint resolves (ResolvedRefs=True) to a backend without endpoints: UNAVAILABLE at call time.
 */
final class BackendResolver {

  /**
   * The outcome for one reference.
   *
   * @param backend the backend, valid or invalid
   * @param reason ResolvedRefs reason when invalid, else null
   * @param problem one line naming the field when invalid, else null
   */
  record Resolution(WeightedBackend backend, String reason, String problem) {}

  private final SnapshotIndex index;

  BackendResolver(SnapshotIndex index) {
    this.index = index;
  }

  /** @param field e.g. {@code spec.rules[0].backendRefs[1]} */
  Resolution resolve(HasMetadata route, GRPCBackendRef ref, String field) {
    String routeNs = Meta.namespace(route);
    String group = Meta.orDefault(ref.getGroup(), "");
    String kind = Meta.orDefault(ref.getKind(), "Service");
    String namespace = Meta.isBlank(ref.getNamespace()) ? routeNs : ref.getNamespace();
    String name = Meta.orDefault(ref.getName(), "");
    // An out-of-range weight drops the whole rule (GrpcRouteTranslator); the clamp only keeps
    // this resolution well-formed until then.
    int weight = ref.getWeight() == null ? 1 : Math.max(0, ref.getWeight());
    String display = namespace + "/" + name + (ref.getPort() == null ? "" : ":" + ref.getPort());

    if (!index.grants().permits(ListenerState.GATEWAY_GROUP, "GRPCRoute", routeNs,
        group, kind, namespace, name)) {
      return invalid(display, weight, Conditions.REASON_REF_NOT_PERMITTED, field
          + ": reference to " + kind + " " + namespace + "/" + name
          + " is not permitted by any ReferenceGrant in namespace " + namespace);
    }
    if (!group.isEmpty() || !kind.equals("Service")) {
      return invalid(display, weight, Conditions.REASON_INVALID_KIND, field + ": unsupported kind "
          + (group.isEmpty() ? "core" : group) + "/" + kind + " (only core/Service)");
    }
    Service service = index.service(namespace, name);
    if (service == null) {
      return invalid(display, weight, Conditions.REASON_BACKEND_NOT_FOUND, field + ": Service "
          + namespace + "/" + name + " not found");
    }
    if (service.getSpec() != null && "ExternalName".equals(service.getSpec().getType())) {
      return invalid(display, weight, Conditions.REASON_INVALID_KIND, field + ": Service "
          + namespace + "/" + name + " is of type ExternalName, which is not supported");
    }
    if (ref.getPort() == null) {
      return invalid(display, weight, Conditions.REASON_BACKEND_NOT_FOUND, field
          + ".port: required for a Service reference");
    }
    ServicePort port = servicePort(service, ref.getPort());
    if (port == null) {
      return invalid(display, weight, Conditions.REASON_BACKEND_NOT_FOUND, field + ": Service "
          + namespace + "/" + name + " has no port " + ref.getPort());
    }
    return new Resolution(WeightedBackend.valid(display, weight, endpoints(namespace, name, port)),
        null, null);
  }

  private static Resolution invalid(String display, int weight, String reason, String problem) {
    return new Resolution(WeightedBackend.invalid(display, weight, reason + ": " + problem),
        reason, problem);
  }

  private static ServicePort servicePort(Service service, int port) {
    if (service.getSpec() == null || service.getSpec().getPorts() == null) {
      return null;
    }
    for (ServicePort p : service.getSpec().getPorts()) {
      if (p.getPort() != null && p.getPort() == port) {
        return p;
      }
    }
    return null;
  }

  /** Ready endpoints of the Service port, in slice-name then listed order, without duplicates. */
  private List<Endpoint> endpoints(String namespace, String service, ServicePort port) {
    String portName = Meta.orDefault(port.getName(), "");
    Set<Endpoint> out = new LinkedHashSet<>();
    for (EndpointSlice slice : index.endpointSlices(namespace, service)) {
      Integer target = slicePort(slice, portName);
      if (target == null || target < 1 || target > 65535 || slice.getEndpoints() == null) {
        continue;
      }
      for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint e : slice.getEndpoints()) {
        boolean ready = e.getConditions() == null || e.getConditions().getReady() == null
            || e.getConditions().getReady();
        if (!ready || e.getAddresses() == null) {
          continue;
        }
        for (String address : e.getAddresses()) {
          if (!Meta.isBlank(address)) {
            out.add(new Endpoint(address, target));
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static Integer slicePort(EndpointSlice slice, String portName) {
    if (slice.getPorts() == null) {
      return null;
    }
    for (EndpointPort p : slice.getPorts()) {
      if (Objects.equals(Meta.orDefault(p.getName(), ""), portName)) {
        return p.getPort();
      }
    }
    return null;
  }
}
