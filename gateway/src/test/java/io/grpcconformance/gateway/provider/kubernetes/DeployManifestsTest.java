package io.grpcconformance.gateway.provider.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.grpcconformance.gateway.provider.ModelSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** manifests/gateway: well-formed, and the RBAC matches what the controller actually does. */
class DeployManifestsTest {
  private static final Path FOLDER = Path.of("..", "manifests", "gateway");
  private static final List<HasMetadata> OBJECTS = new ArrayList<>();

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (String document : Files.readString(file).split("(?m)^---$")) {
          if (!document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
            OBJECTS.add(ModelSerialization.MODEL.unmarshal(document));
          }
        }
      }
    }
  }

  private static <T> T only(Class<T> type) {
    return OBJECTS.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  private static boolean allows(List<PolicyRule> rules, String group, String resource,
      String... verbs) {
    return rules.stream().anyMatch(r -> r.getApiGroups().contains(group)
        && r.getResources().contains(resource) && r.getVerbs().containsAll(List.of(verbs)));
  }

  @Test
  void everyDocument_isATypedObject() {
    assertThat(OBJECTS).extracting(HasMetadata::getKind).containsExactly("Namespace",
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
        "GatewayClass", "IngressClass", "Deployment", "Service");
    assertThat(OBJECTS).allSatisfy(o -> assertThat(o.getClass().getSimpleName())
        .isEqualTo(o.getKind()));
  }

  @Test
  void clusterRole_readsEveryInformedKind_andWritesEveryStatus() {
    List<PolicyRule> rules = only(ClusterRole.class).getRules();
    for (Class<? extends HasMetadata> kind : InformerSource.KINDS) {
      assertThat(allows(rules, HasMetadata.getGroup(kind), HasMetadata.getPlural(kind),
          "get", "list", "watch")).as("read " + kind.getName()).isTrue();
    }
    for (String status : List.of("gatewayclasses/status", "gateways/status",
        "grpcroutes/status", "httproutes/status")) {
      assertThat(allows(rules, "gateway.networking.k8s.io", status, "update", "patch"))
          .as(status).isTrue();
    }
    assertThat(allows(rules, "networking.k8s.io", "ingresses/status", "update", "patch")).isTrue();
  }

  @Test
  void leaseRole_allowsLeaderElection() {
    assertThat(allows(only(Role.class).getRules(), "coordination.k8s.io", "leases",
        "get", "create", "update", "patch")).isTrue();
  }

  @Test
  void deployment_runsTheControllerWithTheDownwardApi() {
    var container = only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(container.getImage()).isEqualTo("grpc-conformance/gateway:0.1.0");
    assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(container.getArgs()).startsWith("controller");
    assertThat(container.getEnv()).extracting(e -> e.getName())
        .contains("POD_IP", "POD_NAME", "POD_NAMESPACE");
  }
}
