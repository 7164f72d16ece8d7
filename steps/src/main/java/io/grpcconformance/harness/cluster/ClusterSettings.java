package io.grpcconformance.harness.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of the cluster tier (environments {@code k3s} and {@code kubeconfig}), resolved once:
 * defaults, then environment variables {@code CONFORMANCE_*}, then system properties {@code conformance.*}.
 * {@code gatewayClass} and {@code sampleImage} are the suite's own settings (ConformanceConfig), passed in.
 *
 * @param k3sImage {@code conformance.k3s.image}: the pinned k3s image (default {@value #DEFAULT_K3S_IMAGE})
 * @param clusterCidr {@code conformance.k3s.clusterCidr}: k3s's pod CIDR and Calico's pool (default 10.42.0.0/16)
 * @param calicoManifest {@code conformance.calico.manifest}: URL or local file of Calico's calico.yaml
 *     (default the v3.32.1 manifest)
 * @param gatewayApiCrds {@code conformance.gatewayApi.crds}: URL or local file of the Gateway API standard CRDs
 *     (default v1.6.1 standard-install.yaml)
 * @param kubeContext {@code conformance.kubeContext}: the context for {@code kubeconfig} (default: current context)
 * @param allowedContexts {@code conformance.allowedContexts}: comma-separated context names, {@code *} wildcards
 *     (default {@code kind-devops,k3s-*})
 * @param gatewayClass {@code conformance.gatewayClass}: the GatewayClass under test; {@value #OWN_GATEWAY_CLASS}
 *     (the default) is the suite's own gateway, deployed from manifests/gateway/, any other is a third party's
 * @param sampleImage {@code conformance.sampleImage} (default grpc-conformance/sample-services:0.1.0)
 * @param gatewayImage {@code conformance.gatewayImage} (default grpc-conformance/gateway:0.1.0)
 * @param checkImages {@code conformance.images.check}: preflight checks that the suite's images are present
 *     (default true)
 * @param kindCluster {@code conformance.kind.cluster}: the KIND cluster behind context kind-&lt;name&gt;, whose
 *     port mappings come from cluster-config.yaml (default devops)
 * @param kindLoadImages {@code conformance.kind.loadImages}: run {@code kind load docker-image} before the run
 *     (default false: lab/load-images.sh does it)
 * @param timeouts the named timeouts ({@code conformance.timeouts.*})
 */
public record ClusterSettings(
    String k3sImage,
    String clusterCidr,
    String calicoManifest,
    String gatewayApiCrds,
    Optional<String> kubeContext,
    List<String> allowedContexts,
    String gatewayClass,
    String sampleImage,
    String gatewayImage,
    boolean checkImages,
    String kindCluster,
    boolean kindLoadImages,
    ClusterTimeouts timeouts) {

  /** Newest stable k3s seen (cluster.md §1.4); same Kubernetes minor as the lab's kindest/node:v1.36.1. */
  public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.36.4-k3s1";
  public static final String DEFAULT_CLUSTER_CIDR = "10.42.0.0/16";
  public static final String CALICO_VERSION = "v3.32.1";
  public static final String DEFAULT_CALICO_MANIFEST =
      "https://raw.githubusercontent.com/projectcalico/calico/" + CALICO_VERSION + "/manifests/calico.yaml";
  public static final String GATEWAY_API_VERSION = "v1.6.1";
  public static final String DEFAULT_GATEWAY_API_CRDS = "https://github.com/kubernetes-sigs/gateway-api/releases/download/"
      + GATEWAY_API_VERSION + "/standard-install.yaml";
  public static final String DEFAULT_ALLOWED_CONTEXTS = "kind-devops,k3s-*";
  /** The GatewayClass of the suite's own gateway (ConformanceConfig's default). */
  public static final String OWN_GATEWAY_CLASS = "grpc-conformance";
  public static final String DEFAULT_SAMPLE_IMAGE = "grpc-conformance/sample-services:0.1.0";
  public static final String DEFAULT_GATEWAY_IMAGE = "grpc-conformance/gateway:0.1.0";

  public ClusterSettings {
    allowedContexts = List.copyOf(allowedContexts);
  }

  /** Resolved from the given source alone (gatewayClass and sampleImage read there too). */
  public static ClusterSettings resolve(SettingSource s) {
    return resolve(s, s.get("conformance.gatewayClass", OWN_GATEWAY_CLASS),
        s.get("conformance.sampleImage", DEFAULT_SAMPLE_IMAGE));
  }

  /** Resolved from the source, with the suite's already resolved gatewayClass and sampleImage. */
  public static ClusterSettings resolve(SettingSource s, String gatewayClass, String sampleImage) {
    return new ClusterSettings(
        s.get("conformance.k3s.image", DEFAULT_K3S_IMAGE),
        s.get("conformance.k3s.clusterCidr", DEFAULT_CLUSTER_CIDR),
        s.get("conformance.calico.manifest", DEFAULT_CALICO_MANIFEST),
        s.get("conformance.gatewayApi.crds", DEFAULT_GATEWAY_API_CRDS),
        Optional.ofNullable(s.get("conformance.kubeContext", null)),
        Arrays.stream(s.get("conformance.allowedContexts", DEFAULT_ALLOWED_CONTEXTS).split(","))
            .map(String::strip).filter(x -> !x.isEmpty()).toList(),
        gatewayClass,
        sampleImage,
        s.get("conformance.gatewayImage", DEFAULT_GATEWAY_IMAGE),
        s.getBoolean("conformance.images.check", true),
        s.get("conformance.kind.cluster", "devops"),
        s.getBoolean("conformance.kind.loadImages", false),
        ClusterTimeouts.resolve(s));
  }

  /** True when the suite's own gateway is under test. */
  public boolean ownGateway() {
    return OWN_GATEWAY_CLASS.equals(gatewayClass);
  }

  /** The KIND context name of {@link #kindCluster()}, e.g. {@code kind-devops}. */
  public String kindContext() {
    return "kind-" + kindCluster;
  }
}
