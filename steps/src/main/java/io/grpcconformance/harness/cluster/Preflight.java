package io.grpcconformance.harness.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides whether a cluster environment can run here, from injected probes (pure: no Docker, no cluster of
 * its own). Each failed check is one {@link PreflightFailure}; an empty list means go. A check whose
 * prerequisite failed is not asked (no "privileged?" when Docker is unreachable), so every line is actionable.
 */
public final class Preflight {
  /** The fix offered whenever a cluster environment cannot run at all. */
  static final String USE_LOCAL = "use -Dconformance.env=local";

  private Preflight() {}

  /** Checks for the {@code k3s} environment: Docker, the k3s image, privileged mode, the suite's images. */
  public static List<PreflightFailure> k3s(ClusterSettings settings, DockerProbe docker) {
    ProbeResult reachable = docker.dockerReachable();
    if (!reachable.ok()) {
      return List.of(new PreflightFailure("docker", "Docker daemon not reachable" + suffix(reachable),
          "start Docker or " + USE_LOCAL));
    }
    List<PreflightFailure> failures = new ArrayList<>();
    String k3s = settings.k3sImage();
    ProbeResult k3sImage = docker.imagePresent(k3s);
    if (!k3sImage.ok()) {
      k3sImage = docker.pullImage(k3s);
    }
    if (!k3sImage.ok()) {
      failures.add(new PreflightFailure("image " + k3s, "image " + k3s + " is not present and cannot be pulled"
          + suffix(k3sImage), "docker pull " + k3s + " (offline: docker load -i <archive>), or set"
          + " -Dconformance.k3s.image to a local k3s image, or " + USE_LOCAL));
    } else {
      ProbeResult privileged = docker.privilegedAllowed(k3s);
      if (!privileged.ok()) {
        failures.add(new PreflightFailure("privileged", "privileged containers are refused by the Docker daemon"
            + suffix(privileged), "k3s-in-Docker needs --privileged (not rootless, DinD or sandboxed Docker);"
            + " use -Dconformance.env=kubeconfig against a cluster, or " + USE_LOCAL));
      }
    }
    if (settings.checkImages()) {
      for (String image : JibImages.required(settings)) {
        if (!docker.imagePresent(image).ok()) {
          failures.add(new PreflightFailure("image " + image, "image " + image + " is not in the local Docker daemon",
              JibImages.BUILD_COMMAND));
        }
      }
    }
    return List.copyOf(failures);
  }

  /**
   * Checks for the {@code kubeconfig} environment: the context (decided by {@link KubeContextGuard}), the API
   * server, the Gateway API CRDs, a third-party GatewayClass, the suite's images on the nodes.
   */
  public static List<PreflightFailure> kubeconfig(ClusterSettings settings, KubeContextGuard.Decision context,
      ClusterProbe cluster) {
    if (context instanceof KubeContextGuard.Refused refused) {
      return List.of(refused.failure());
    }
    String name = ((KubeContextGuard.Allowed) context).context();
    ProbeResult api = cluster.apiReachable();
    if (!api.ok()) {
      return List.of(new PreflightFailure("api", "API server of kube context '" + name + "' not reachable"
          + suffix(api), "start the cluster (lab/up.sh) or pick another context with -Dconformance.kubeContext"));
    }
    List<PreflightFailure> failures = new ArrayList<>();
    List<String> missing = cluster.missingCrds(GatewayApiCrds.REQUIRED);
    if (!missing.isEmpty()) {
      failures.add(new PreflightFailure("crds", "Gateway API CRDs missing in '" + name + "': "
          + String.join(", ", missing), "lab/deploy.sh, or kubectl apply --server-side -f " + settings.gatewayApiCrds()));
    }
    if (!settings.ownGateway()) {
      // The suite's own GatewayClass is created with the in-cluster gateway; a third party's must exist already.
      String gatewayClass = settings.gatewayClass();
      ProbeResult found = cluster.gatewayClassExists(gatewayClass);
      if (!found.ok()) {
        failures.add(new PreflightFailure("gatewayclass", "GatewayClass '" + gatewayClass + "' not found in '" + name
            + "'" + suffix(found), "install that implementation, or correct -Dconformance.gatewayClass"));
      }
    }
    if (settings.checkImages()) {
      List<String> absent = cluster.imagesMissingOnNodes(JibImages.required(settings));
      if (!absent.isEmpty()) {
        failures.add(new PreflightFailure("images", "images not on any node of '" + name + "': "
            + String.join(", ", absent), "lab/load-images.sh (or -Dconformance.images.check=false when the"
            + " cluster pulls them from a registry)"));
      }
    }
    return List.copyOf(failures);
  }

  /** One line per failure: {@code <env> environment skipped: <reason> (fix: <fix>)}. */
  public static String skipReason(String environment, List<PreflightFailure> failures) {
    return failures.stream()
        .map(f -> environment + " environment skipped: " + f.line())
        .collect(Collectors.joining("\n"));
  }

  private static String suffix(ProbeResult result) {
    return result.detail() == null || result.detail().isBlank() ? "" : ": " + result.detail();
  }
}
