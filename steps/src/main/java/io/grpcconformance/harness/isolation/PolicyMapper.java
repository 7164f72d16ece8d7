package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.StandardModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a policy written for the model into the one applied to a deployment of it: the policy's
 * namespace {@code x} becomes {@code gc-x-k3f9q}, and so do model names used as values of the
 * {@value NamespaceInfo#METADATA_NAME_LABEL} label in namespace selectors (the API server sets that
 * label to the real name). Selectors on {@code ns=<model name>} need nothing: the model namespaces
 * carry that label. Everything else is copied unchanged; the input is not modified.
 */
public final class PolicyMapper {

  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private final ModelNames names;

  public PolicyMapper(ModelNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  /**
   * The cluster version of {@code model}.
   *
   * @throws IllegalArgumentException when the policy's namespace is not x, y or z
   */
  public NetworkPolicy toCluster(NetworkPolicy model) {
    NetworkPolicy policy = KUBERNETES.clone(model);
    String ns = policy.getMetadata().getNamespace();
    if (!StandardModel.NAMESPACES.contains(ns)) {
      throw new IllegalArgumentException(
          "NetworkPolicy "
              + ns
              + "/"
              + policy.getMetadata().getName()
              + ": metadata.namespace must be a model namespace "
              + StandardModel.NAMESPACES);
    }
    policy.getMetadata().setNamespace(names.namespace(ns));
    policy.getMetadata().setResourceVersion(null);
    policy.getMetadata().setUid(null);
    if (policy.getSpec() == null) {
      return policy;
    }
    if (policy.getSpec().getIngress() != null) {
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        peers(rule.getFrom());
      }
    }
    if (policy.getSpec().getEgress() != null) {
      for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
        peers(rule.getTo());
      }
    }
    return policy;
  }

  private void peers(List<NetworkPolicyPeer> peers) {
    if (peers == null) {
      return;
    }
    for (NetworkPolicyPeer peer : peers) {
      LabelSelector selector = peer.getNamespaceSelector();
      if (selector == null) {
        continue;
      }
      if (selector.getMatchLabels() != null) {
        Map<String, String> labels = new LinkedHashMap<>(selector.getMatchLabels());
        labels.computeIfPresent(NamespaceInfo.METADATA_NAME_LABEL, (k, v) -> real(v));
        selector.setMatchLabels(labels);
      }
      if (selector.getMatchExpressions() != null) {
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
          if (NamespaceInfo.METADATA_NAME_LABEL.equals(r.getKey()) && r.getValues() != null) {
            List<String> values = new ArrayList<>();
            r.getValues().forEach(v -> values.add(real(v)));
            r.setValues(values);
          }
        }
      }
    }
  }

  private String real(String value) {
    return StandardModel.NAMESPACES.contains(value) ? names.namespace(value) : value;
  }
}
