package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves an Ingress service backend to the ready endpoints ingress-nginx would balance over: the
 * Service port by number or name, then the EndpointSlices labelled {@code
 * kubernetes.io/service-name} whose port has the same name, ready endpoints only (a nil {@code
 * ready} counts as ready, per the EndpointSlice API), first address of each endpoint.
 *
 * <p>A missing Service, port or endpoint makes ingress-nginx's Lua balancer answer 503, which a
 * gRPC client sees as UNAVAILABLE (ingress-netpol.md A.1 "Error pages and status mapping"): such a
 * backend is returned invalid, with the reason.
 */
final class BackendResolver {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private final Map<String, Service> services = new HashMap<>();
  private final Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();

  BackendResolver(GatewaySnapshot snapshot) {
    for (Service service : snapshot.services()) {
      services.put(IngressNames.key(service), service);
    }
    for (EndpointSlice slice : snapshot.endpointSlices()) {
      Map<String, String> labels = slice.getMetadata().getLabels();
      String serviceName = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
      if (serviceName != null) {
        slicesByService.computeIfAbsent(IngressNames.namespace(slice) + "/" + serviceName,
            k -> new ArrayList<>()).add(slice);
      }
    }
    // Deterministic endpoint order whatever order the provider listed the slices in.
    slicesByService.values().forEach(list -> list.sort(
        Comparator.comparing(s -> Objects.toString(s.getMetadata().getName(), ""))));
  }

  /** The backend for {@code backend} in {@code namespace}, valid or with the reason it is not. */
  WeightedBackend resolve(String namespace, IngressServiceBackend backend,
      BackendProtocol protocol) {
    String serviceName = backend.getName();
    String portRef = portRef(backend);
    String display = namespace + "/" + serviceName + ":" + portRef;
    if (serviceName == null || serviceName.isBlank()) {
      return invalid(display, protocol, "the backend names no Service");
    }
    Service service = services.get(namespace + "/" + serviceName);
    if (service == null) {
      return invalid(display, protocol, "Service " + namespace + "/" + serviceName
          + " not found (ingress-nginx answers 503)");
    }
    ServicePort servicePort = servicePort(service, backend);
    if (servicePort == null) {
      return invalid(display, protocol, "Service " + namespace + "/" + serviceName
          + " has no TCP port " + portRef + " (ingress-nginx answers 503)");
    }
    List<Endpoint> endpoints = service.getSpec() != null
        && "ExternalName".equals(service.getSpec().getType())
        ? externalName(service, servicePort)
        : fromSlices(namespace + "/" + serviceName, servicePort);
    if (endpoints.isEmpty()) {
      return invalid(display, protocol, "Service " + namespace + "/" + serviceName + " port "
          + portRef + " has no ready endpoints (ingress-nginx answers 503)");
    }
    return new WeightedBackend(display, 1, endpoints, protocol, null);
  }

  private static WeightedBackend invalid(String display, BackendProtocol protocol,
      String reason) {
    return new WeightedBackend(display, 1, List.of(), protocol, reason);
  }

  private static String portRef(IngressServiceBackend backend) {
    if (backend.getPort() == null) {
      return "?";
    }
    if (backend.getPort().getName() != null && !backend.getPort().getName().isEmpty()) {
      return backend.getPort().getName();
    }
    return String.valueOf(backend.getPort().getNumber());
  }

  private static ServicePort servicePort(Service service, IngressServiceBackend backend) {
    if (service.getSpec() == null || service.getSpec().getPorts() == null
        || backend.getPort() == null) {
      return null;
    }
    String name = backend.getPort().getName();
    Integer number = backend.getPort().getNumber();
    for (ServicePort port : service.getSpec().getPorts()) {
      boolean tcp = port.getProtocol() == null || "TCP".equals(port.getProtocol());
      boolean named = name != null && !name.isEmpty() && name.equals(port.getName());
      boolean numbered = (name == null || name.isEmpty()) && number != null
          && number.equals(port.getPort());
      if (tcp && (named || numbered)) {
        return port;
      }
    }
    return null;
  }

  /** The Service port maps to the slice port of the same name ("" and null are the same name). */
  private List<Endpoint> fromSlices(String serviceKey, ServicePort servicePort) {
    String portName = Objects.toString(servicePort.getName(), "");
    Set<Endpoint> endpoints = new LinkedHashSet<>();
    for (EndpointSlice slice : slicesByService.getOrDefault(serviceKey, List.of())) {
      Integer port = slicePort(slice, portName);
      if (port == null || slice.getEndpoints() == null) {
        continue;
      }
      for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint : slice.getEndpoints()) {
        boolean ready = endpoint.getConditions() == null
            || endpoint.getConditions().getReady() == null
            || endpoint.getConditions().getReady();
        if (ready && endpoint.getAddresses() != null && !endpoint.getAddresses().isEmpty()) {
          // The API allows clients to use only the first (fungible) address.
          endpoints.add(new Endpoint(endpoint.getAddresses().get(0), port));
        }
      }
    }
    return List.copyOf(endpoints);
  }

  private static Integer slicePort(EndpointSlice slice, String portName) {
    if (slice.getPorts() == null) {
      return null;
    }
    for (EndpointPort port : slice.getPorts()) {
      boolean tcp = port.getProtocol() == null || "TCP".equals(port.getProtocol());
      if (tcp && portName.equals(Objects.toString(port.getName(), "")) && port.getPort() != null
          && port.getPort() > 0 && port.getPort() <= 65535) {
        return port.getPort();
      }
    }
    return null;
  }

  /** ingress-nginx externalNamePorts: the numeric targetPort, else the Service port. */
  private static List<Endpoint> externalName(Service service, ServicePort servicePort) {
    String host = service.getSpec().getExternalName();
    if (host == null || host.isBlank()) {
      return List.of();
    }
    IntOrString target = servicePort.getTargetPort();
    int port = target != null && target.getIntVal() != null && target.getIntVal() > 0
        ? target.getIntVal() : servicePort.getPort();
    return List.of(new Endpoint(host, port));
  }
}
