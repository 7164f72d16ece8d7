package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreflightTest {
  private static final String K3S = "rancher/k3s:v1.36.4-k3s1";
  private static final String SAMPLES = "grpc-conformance/sample-services:0.1.0";
  private static final String GATEWAY = "grpc-conformance/gateway:0.1.0";

  /** A Docker daemon whose answers the test sets; records what it was asked. */
  static final class FakeDocker implements DockerProbe {
    boolean reachable = true;
    boolean privileged = true;
    final Set<String> present = new HashSet<>();
    final Set<String> pullable = new HashSet<>();
    final List<String> asked = new ArrayList<>();

    @Override
    public ProbeResult dockerReachable() {
      asked.add("reachable");
      return reachable ? ProbeResult.passed() : ProbeResult.failed("");
    }

    @Override
    public ProbeResult imagePresent(String image) {
      asked.add("present " + image);
      return present.contains(image) ? ProbeResult.passed() : ProbeResult.failed("No such image");
    }

    @Override
    public ProbeResult pullImage(String image) {
      asked.add("pull " + image);
      return pullable.contains(image) ? ProbeResult.passed()
          : ProbeResult.failed("registry-1.docker.io: no such host");
    }

    @Override
    public ProbeResult privilegedAllowed(String image) {
      asked.add("privileged " + image);
      return privileged ? ProbeResult.passed() : ProbeResult.failed("unable to apply caps: operation not permitted");
    }
  }

  private static ClusterSettings settings(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return ClusterSettings.resolve(new SettingSource(Map.of(), p));
  }

  @Test
  void unreachableDockerIsTheOnlyLineAndNothingElseIsAsked() {
    FakeDocker docker = new FakeDocker();
    docker.reachable = false;

    List<PreflightFailure> failures = Preflight.k3s(settings(), docker);

    assertThat(Preflight.skipReason("k3s", failures)).isEqualTo(
        "k3s environment skipped: Docker daemon not reachable (fix: start Docker or use -Dconformance.env=local)");
    assertThat(docker.asked).containsExactly("reachable");
  }

  @Test
  void everythingPresentAndPrivilegedMeansGo() {
    FakeDocker docker = new FakeDocker();
    docker.present.addAll(List.of(K3S, SAMPLES, GATEWAY));

    assertThat(Preflight.k3s(settings(), docker)).isEmpty();
    assertThat(docker.asked).doesNotContain("pull " + K3S);
  }

  @Test
  void aPullableK3sImageIsFineAndAnUnpullableOneSkipsThePrivilegedProbe() {
    FakeDocker docker = new FakeDocker();
    docker.present.addAll(List.of(SAMPLES, GATEWAY));
    docker.pullable.add(K3S);
    assertThat(Preflight.k3s(settings(), docker)).isEmpty();

    FakeDocker offline = new FakeDocker();
    offline.present.addAll(List.of(SAMPLES, GATEWAY));
    List<PreflightFailure> failures = Preflight.k3s(settings(), offline);

    assertThat(failures).extracting(PreflightFailure::check).containsExactly("image " + K3S);
    assertThat(failures.get(0).reason())
        .isEqualTo("image " + K3S + " is not present and cannot be pulled: registry-1.docker.io: no such host");
    assertThat(offline.asked).noneMatch(q -> q.startsWith("privileged"));
  }

  @Test
  void refusedPrivilegedModeAndMissingSuiteImagesAreOneLineEach() {
    FakeDocker docker = new FakeDocker();
    docker.present.add(K3S);
    docker.privileged = false;

    List<PreflightFailure> failures = Preflight.k3s(settings(), docker);

    assertThat(Preflight.skipReason("k3s", failures).split("\n")).containsExactly(
        "k3s environment skipped: privileged containers are refused by the Docker daemon: unable to apply caps:"
            + " operation not permitted (fix: k3s-in-Docker needs --privileged (not rootless, DinD or sandboxed"
            + " Docker); use -Dconformance.env=kubeconfig against a cluster, or use -Dconformance.env=local)",
        "k3s environment skipped: image " + SAMPLES + " is not in the local Docker daemon (fix: "
            + JibImages.BUILD_COMMAND + ")",
        "k3s environment skipped: image " + GATEWAY + " is not in the local Docker daemon (fix: "
            + JibImages.BUILD_COMMAND + ")");
  }

  @Test
  void theImageCheckCanBeSwitchedOffAndAThirdPartyGatewayNeedsNoGatewayImage() {
    FakeDocker docker = new FakeDocker();
    docker.present.add(K3S);
    assertThat(Preflight.k3s(settings("conformance.images.check", "false"), docker)).isEmpty();
    assertThat(Preflight.k3s(settings("conformance.gatewayClass", "eg"), docker))
        .extracting(PreflightFailure::check).containsExactly("image " + SAMPLES);
  }

  /** A cluster whose answers the test sets. */
  static final class FakeCluster implements ClusterProbe {
    boolean api = true;
    List<String> missingCrds = List.of();
    Set<String> classes = Set.of();
    List<String> missingImages = List.of();
    final List<String> asked = new ArrayList<>();

    @Override
    public ProbeResult apiReachable() {
      asked.add("api");
      return api ? ProbeResult.passed() : ProbeResult.failed("connect timed out");
    }

    @Override
    public List<String> missingCrds(List<String> crds) {
      asked.add("crds");
      return missingCrds;
    }

    @Override
    public ProbeResult gatewayClassExists(String name) {
      asked.add("class " + name);
      return classes.contains(name) ? ProbeResult.passed() : ProbeResult.failed("");
    }

    @Override
    public List<String> imagesMissingOnNodes(List<String> images) {
      asked.add("images " + images);
      return missingImages;
    }
  }

  @Test
  void aRefusedContextIsReportedAndTheClusterIsNeverContacted() {
    FakeCluster cluster = new FakeCluster();
    PreflightFailure refused = new PreflightFailure("kube context", "kube context 'prod' is not allowed", "x");

    assertThat(Preflight.kubeconfig(settings(), new KubeContextGuard.Refused(refused), cluster)).containsExactly(refused);
    assertThat(cluster.asked).isEmpty();
  }

  @Test
  void anUnreachableApiStopsTheOtherChecks() {
    FakeCluster cluster = new FakeCluster();
    cluster.api = false;

    List<PreflightFailure> failures =
        Preflight.kubeconfig(settings(), new KubeContextGuard.Allowed("kind-devops"), cluster);

    assertThat(Preflight.skipReason("kubeconfig", failures)).isEqualTo("kubeconfig environment skipped: API server of"
        + " kube context 'kind-devops' not reachable: connect timed out (fix: start the cluster (lab/up.sh) or pick"
        + " another context with -Dconformance.kubeContext)");
    assertThat(cluster.asked).containsExactly("api");
  }

  @Test
  void missingCrdsClassAndImagesAreEachReported() {
    FakeCluster cluster = new FakeCluster();
    cluster.missingCrds = List.of("grpcroutes.gateway.networking.k8s.io");
    cluster.missingImages = List.of(SAMPLES);

    List<PreflightFailure> failures = Preflight.kubeconfig(settings("conformance.gatewayClass", "eg"),
        new KubeContextGuard.Allowed("kind-devops"), cluster);

    assertThat(failures).extracting(PreflightFailure::check).containsExactly("crds", "gatewayclass", "images");
    assertThat(failures.get(0).line()).isEqualTo("Gateway API CRDs missing in 'kind-devops':"
        + " grpcroutes.gateway.networking.k8s.io (fix: lab/deploy.sh, or kubectl apply --server-side -f"
        + " https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml)");
    assertThat(failures.get(1).reason()).isEqualTo("GatewayClass 'eg' not found in 'kind-devops'");
    assertThat(cluster.asked).contains("images [" + SAMPLES + "]");
  }

  @Test
  void aHealthyClusterWithOurGatewayPasses() {
    FakeCluster cluster = new FakeCluster();

    assertThat(Preflight.kubeconfig(settings(), new KubeContextGuard.Allowed("k3s-ci"), cluster)).isEmpty();
    assertThat(cluster.asked).containsExactly("api", "crds", "images [" + SAMPLES + ", " + GATEWAY + "]");
  }
}
