package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigContextsTest {
  static String kubeconfig(String current, String... contexts) {
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\n");
    if (current != null) {
      yaml.append("current-context: ").append(current).append('\n');
    }
    yaml.append("clusters:\n");
    for (String c : contexts) {
      yaml.append("- name: ").append(c).append("\n  cluster:\n    server: https://127.0.0.1:6443\n");
    }
    yaml.append("users:\n");
    for (String c : contexts) {
      yaml.append("- name: ").append(c).append("\n  user:\n    token: not-a-secret\n");
    }
    yaml.append("contexts:\n");
    for (String c : contexts) {
      yaml.append("- name: ").append(c).append("\n  context:\n    cluster: ").append(c).append("\n    user: ")
          .append(c).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void readsTheDefaultFileUnderHome(@TempDir Path home) throws IOException {
    Files.createDirectories(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), kubeconfig("kind-devops", "kind-devops", "prod"));

    KubeconfigContexts contexts = KubeconfigContexts.load(Map.of(), home);

    assertThat(contexts.names()).containsExactlyInAnyOrder("kind-devops", "prod");
    assertThat(contexts.current()).contains("kind-devops");
    assertThat(contexts.fileByContext().get("prod")).isEqualTo(home.resolve(".kube/config"));
  }

  @Test
  void mergesKubeconfigFilesFirstCurrentContextWins(@TempDir Path dir) throws IOException {
    Path a = Files.writeString(dir.resolve("a"), kubeconfig(null, "k3s-ci"));
    Path b = Files.writeString(dir.resolve("b"), kubeconfig("prod", "prod", "k3s-ci"));
    Path missing = dir.resolve("missing");

    KubeconfigContexts contexts = KubeconfigContexts.load(
        Map.of("KUBECONFIG", a + File.pathSeparator + missing + File.pathSeparator + b), dir);

    assertThat(contexts.files()).containsExactly(a, b);
    assertThat(contexts.current()).contains("prod");
    assertThat(contexts.fileByContext()).containsEntry("k3s-ci", a).containsEntry("prod", b);
  }

  @Test
  void noKubeconfigMeansNoContexts(@TempDir Path home) {
    KubeconfigContexts contexts = KubeconfigContexts.load(Map.of(), home);

    assertThat(contexts.names()).isEmpty();
    assertThat(contexts.current()).isEmpty();
  }
}
