package io.grpcconformance.harness.reliability;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.grpcconformance.harness.k8s.Cleanup;
import io.grpcconformance.harness.k8s.ScenarioNamespaces;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A scenario that is interrupted half-way, run in a child JVM by {@link InterruptedRunCleanupTest}:
 * it creates two scenario namespaces (and an object in one) the way the suite's hooks do, prints
 * {@code READY <ns> <ns>} and waits to be stopped. Arguments: the API server URL, and {@code
 * guarded} or {@code unguarded} (whether {@link ShutdownCleanup} is installed).
 */
public final class InterruptedScenarioMain {
  private InterruptedScenarioMain() {}

  public static void main(String[] args) throws InterruptedException {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl(args[0]).withTrustCerts(true).build())
            .build();
    Cleanup cleanup = new Cleanup();
    if (args[1].equals("guarded")) {
      ShutdownCleanup.install(cleanup);
    }
    ScenarioNamespaces namespaces =
        new ScenarioNamespaces(client, "gc-", false, cleanup, name -> {});
    String main = namespaces.create("interrupted scenario", "", Map.of());
    String backend = namespaces.create("interrupted scenario", "backend", Map.of());
    client
        .configMaps()
        .inNamespace(main)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("scenario-object")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    System.out.println("READY " + main + " " + backend);
    System.out.flush();
    new CountDownLatch(1).await(); // the scenario "runs" until the JVM is stopped
  }
}
