package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.env.Address;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Service a third-party implementation created for a Gateway and reaches a listener through a
 * port-forward. Implementations label it differently: the Gateway API label
 * {@code gateway.networking.k8s.io/gateway-name} in the Gateway's namespace (Istio, NGINX Gateway Fabric), or
 * Envoy Gateway's {@code gateway.envoyproxy.io/owning-gateway-name} plus {@code -namespace} in its own namespace.
 */
public final class ThirdPartyGateways {
  static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
  static final String ENVOY_NAME_LABEL = "gateway.envoyproxy.io/owning-gateway-name";
  static final String ENVOY_NAMESPACE_LABEL = "gateway.envoyproxy.io/owning-gateway-namespace";

  private final KubernetesClient client;
  private final PortForwards portForwards;

  public ThirdPartyGateways(KubernetesClient client, PortForwards portForwards) {
    this.client = client;
    this.portForwards = portForwards;
  }

  /** The Service of Gateway {@code namespace/name}, if one of the known labellings finds it. */
  public Optional<Service> serviceOf(String namespace, String name) {
    List<Service> sameNamespace = client.services().inNamespace(namespace).withLabel(GATEWAY_NAME_LABEL, name)
        .list().getItems();
    if (!sameNamespace.isEmpty()) {
      return Optional.of(sameNamespace.get(0));
    }
    return client.services().inAnyNamespace().withLabel(ENVOY_NAME_LABEL, name)
        .withLabel(ENVOY_NAMESPACE_LABEL, namespace).list().getItems().stream().findFirst();
  }

  /** A loopback address forwarding to the listener port of the Gateway's Service. */
  public Address address(String gatewayClass, String namespace, String name, int listenerPort) {
    Service service = serviceOf(namespace, name).orElseThrow(() -> new IllegalStateException(
        "cannot find the Service of Gateway " + namespace + "/" + name + " (class " + gatewayClass + "): none labelled "
            + GATEWAY_NAME_LABEL + " or " + ENVOY_NAME_LABEL + " (fix: check the Gateway is Programmed)"));
    return portForwards.toService(service.getMetadata().getNamespace(), service.getMetadata().getName(), listenerPort);
  }
}
