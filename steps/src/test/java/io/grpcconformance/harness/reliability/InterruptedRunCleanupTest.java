package io.grpcconformance.harness.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.grpcconformance.harness.k8s.ScenarioNamespaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped with SIGINT in the middle of a scenario: with {@link ShutdownCleanup} its
 * namespaces (and what is in them) are deleted before the JVM exits; without it (the suite's hooks
 * alone, since Cucumber's {@code @After} does not run on SIGINT) they are left behind, which the
 * second test shows. The scenario runs in a child JVM against a mock API server in this JVM.
 */
class InterruptedRunCleanupTest {
  /** A cold child JVM on a busy two-core machine. */
  static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void startApiServer() {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stopApiServer() {
    client.close();
    server.destroy();
  }

  @Test
  void sigintDuringAScenario_withShutdownCleanup_leavesNoNamespace() throws Exception {
    List<String> created = interruptScenario("guarded");
    for (String ns : created) {
      assertThat(client.namespaces().withName(ns).get()).as("namespace %s", ns).isNull();
    }
    System.out.println(
        "REPORT teardown: SIGINT during a scenario with ShutdownCleanup: "
            + created.size()
            + " namespaces created, 0 left behind");
  }

  @Test
  void sigintDuringAScenario_withoutShutdownCleanup_leavesItsNamespaces() throws Exception {
    List<String> created = interruptScenario("unguarded");
    long left =
        created.stream().filter(ns -> client.namespaces().withName(ns).get() != null).count();
    assertThat(left)
        .as("namespaces left by an unguarded interrupted scenario")
        .isEqualTo(created.size());
    System.out.println(
        "REPORT teardown: SIGINT during a scenario without ShutdownCleanup (the"
            + " suite's hooks alone): "
            + left
            + " of "
            + created.size()
            + " namespaces left behind, labelled "
            + ScenarioNamespaces.SCENARIO_LABEL);
  }

  /** Runs the scenario in a child JVM, waits until it created its namespaces, SIGINTs it. */
  private List<String> interruptScenario(String mode) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                InterruptedScenarioMain.class.getName(),
                client.getMasterUrl().toString(),
                mode)
            .redirectError(tmp.resolve("child.err").toFile())
            .start();
    try {
      CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(child));
      String line = ready.get(CHILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> created = List.of(line.substring("READY ".length()).split(" "));
      for (String ns : created) {
        assertThat(client.namespaces().withName(ns).get()).as("created %s", ns).isNotNull();
      }
      new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
      await().atMost(CHILD_TIMEOUT).until(() -> !child.isAlive());
      return created;
    } finally {
      child.destroyForcibly();
    }
  }

  private static String readyLine(Process child) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          return line;
        }
      }
      throw new IllegalStateException("child exited without READY");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
