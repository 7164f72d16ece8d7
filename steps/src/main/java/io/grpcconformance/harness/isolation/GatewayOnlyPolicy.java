package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.grpcconformance.netpol.NamespaceInfo;
import java.util.Map;

/**
 * A NetworkPolicy that admits only the gateway's pods to a backend: it selects the backend's pods
 * (the Service's selector) for ingress and allows one peer, the gateway's namespace AND the
 * gateway's pod labels (one peer, so both must match; two peers would be OR). No ports: the gateway
 * may use whatever target port the route resolves to. Gateways talk to pod endpoints, not the
 * Service IP, so the policy sees the gateway pods' own IPs (ingress-netpol.md B.4 #6).
 */
public final class GatewayOnlyPolicy {

  private GatewayOnlyPolicy() {}

  /**
   * The policy {@code name} in {@code namespace} selecting {@code backendSelector}, admitting pods
   * labelled {@code gatewayPodLabels} in namespace {@code gatewayNamespace}.
   */
  public static NetworkPolicy of(
      String namespace,
      String name,
      Map<String, String> backendSelector,
      String gatewayNamespace,
      Map<String, String> gatewayPodLabels) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .withMatchLabels(backendSelector)
        .endPodSelector()
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewFrom()
        .withNewNamespaceSelector()
        .addToMatchLabels(NamespaceInfo.METADATA_NAME_LABEL, gatewayNamespace)
        .endNamespaceSelector()
        .withNewPodSelector()
        .withMatchLabels(gatewayPodLabels)
        .endPodSelector()
        .endFrom()
        .endIngress()
        .endSpec()
        .build();
  }
}
