package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link ClusterProbe} over a fabric8 client of the already allowed context. */
public final class KubernetesClusterProbe implements ClusterProbe {
  private final KubernetesClient client;

  public KubernetesClusterProbe(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ProbeResult apiReachable() {
    try {
      client.namespaces().withName("default").get();
      return ProbeResult.passed();
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return ProbeResult.failed(client.getMasterUrl() + ": " + message.lines().findFirst().orElse(message));
    }
  }

  @Override
  public List<String> missingCrds(List<String> crds) {
    return crds.stream()
        .filter(name -> client.apiextensions().v1().customResourceDefinitions().withName(name).get() == null)
        .toList();
  }

  @Override
  public ProbeResult gatewayClassExists(String name) {
    return client.resources(GatewayClass.class).withName(name).get() != null
        ? ProbeResult.passed() : ProbeResult.failed("");
  }

  /** Nodes report the images their runtime holds in status.images; names are containerd's (docker.io/...). */
  @Override
  public List<String> imagesMissingOnNodes(List<String> images) {
    Set<String> onNodes = new HashSet<>();
    for (Node node : client.nodes().list().getItems()) {
      if (node.getStatus() != null && node.getStatus().getImages() != null) {
        for (ContainerImage image : node.getStatus().getImages()) {
          if (image.getNames() != null) {
            onNodes.addAll(image.getNames());
          }
        }
      }
    }
    return images.stream()
        .filter(image -> !onNodes.contains(image) && !onNodes.contains(ImageRef.parse(image).containerdName()))
        .toList();
  }
}
