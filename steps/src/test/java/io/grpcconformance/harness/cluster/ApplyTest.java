package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ApplyTest {
  KubernetesClient client;

  private static io.fabric8.kubernetes.api.model.ConfigMap config(String value) {
    return new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("gc-a").endMetadata()
        .addToData("mode", value).build();
  }

  @Test
  void createsOnTheFirstRun() {
    Apply.createOrApply(client, config("first"));

    assertThat(client.configMaps().inNamespace("gc-a").withName("settings").get().getData())
        .containsEntry("mode", "first");
  }

  /**
   * The mock server does not implement server-side apply: it answers the apply PATCH with 415, which shows the
   * second run sent exactly that request (with the suite's field manager, forcing conflicts) after the 409.
   */
  @Test
  void theSecondRunServerSideAppliesWithTheSuitesFieldManager() {
    Apply.createOrApply(client, config("first"));

    assertThatThrownBy(() -> Apply.createOrApply(client, config("second")))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("PATCH at: ")
        .hasMessageContaining("/api/v1/namespaces/gc-a/configmaps/settings?fieldManager=grpc-conformance&force=true")
        .hasMessageContaining("code=415");
  }

  @Test
  void errorsOtherThanConflictAreThrown() {
    var invalid = new ConfigMapBuilder().withNewMetadata().withNamespace("gc-a").endMetadata().build();

    assertThatThrownBy(() -> Apply.createOrApply(client, invalid)).isInstanceOf(KubernetesClientException.class);
  }
}
