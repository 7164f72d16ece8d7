package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The claims network-policies.feature makes hold under the engine for the scenario model. */
class ExpectedReachabilityTest {

  private static NetworkPolicy policy(String file) throws Exception {
    // The tests run in steps/; the manifests live at the repository root.
    return Serialization.unmarshal(
        Files.readString(Path.of("..", "manifests", "suite", "isolation", file)),
        NetworkPolicy.class);
  }

  @Test
  void testNetworkPolicy_ingressOn6379() throws Exception {
    ExpectedReachability r = new ExpectedReachability();
    r.add(policy("test-network-policy.yaml"));
    assertThat(r.allowed("app", "frontend", "db", 6379)).isTrue();
    assertThat(r.allowed("app", "other", "db", 6379)).isFalse();
    assertThat(r.allowed("myproject", "client", "db", 6379)).isTrue();
    assertThat(r.allowed("app", "frontend", "db", 6380)).isFalse();
    assertThat(r.matrix(6379).toTable()).contains("app/db").contains("myproject/client");
  }

  @Test
  void testNetworkPolicy_egressOnlyTo10_0_0_0_24On5978() throws Exception {
    ExpectedReachability r = new ExpectedReachability();
    r.add(policy("test-network-policy.yaml"));
    assertThat(r.allowed("app", "db", "frontend", 5978)).isFalse();
    assertThat(r.allowed("app", "db", "other", 5978)).isTrue();
  }

  @Test
  void defaultDeny_isolatesEveryPodForIngress() throws Exception {
    ExpectedReachability r = new ExpectedReachability();
    r.add(policy("default-deny-ingress.yaml"));
    assertThat(r.allowed("app", "frontend", "db", 8080)).isFalse();
    assertThat(r.allowed("myproject", "client", "db", 8080)).isFalse();
  }
}
