package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.ManagedChannel;
import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.gateway.GatewayMain;
import io.grpcconformance.gateway.testkit.QuietMockServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway-side teardown: closing the embedded gateway releases every port and thread it started;
 * SIGINT to a gateway in a child JVM drains an open stream, exits and frees its ports; SIGINT to a
 * controller in a child JVM releases its Lease, the only object the gateway itself creates in a
 * cluster. (Namespace teardown of an interrupted suite run is the suite's ScenarioNamespaces.)
 */
@EnableKubernetesMockClient(crud = true)
class TeardownTest {
  static {
    QuietMockServer.install();
  }

  /**
   * How long threads and ports may take to go away after close (shared event loops linger ~1 s).
   */
  static final Duration RELEASED = Duration.ofSeconds(20);

  /** How long a child gateway may take to exit after SIGINT. */
  static final Duration EXIT = Duration.ofSeconds(45);

  KubernetesClient client;
  @TempDir Path tmp;

  @Test
  void closingTheEmbeddedGateway_releasesPortsAndThreads() throws Exception {
    Path manifests = Files.createDirectory(tmp.resolve("manifests"));
    try (BaseGateway backends = new BaseGateway(manifests, false)) {
      Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
      Map<Integer, Integer> ports;
      try (EmbeddedGateway gateway = EmbeddedGateway.builder().manifests(manifests).start();
          GatewayChannels channels = new GatewayChannels()) {
        gateway.awaitIdle(BaseGateway.APPLY_TIMEOUT);
        ports = gateway.ports();
        ManagedChannel channel = channels.plaintext(gateway.port(8080), "greeter.example.com");
        for (int i = 0; i < 20; i++) {
          assertThat(
                  RawUnary.call(
                          channel, null, "helloworld.Greeter/SayHello", UnaryLoad.CALL_DEADLINE)
                      .ok())
              .isTrue();
        }
      }
      await()
          .atMost(RELEASED)
          .untilAsserted(
              () -> assertThat(newThreads(before)).as("threads left after close").isEmpty());
      for (int port : ports.values()) {
        try (ServerSocket again = new ServerSocket()) {
          again.bind(new InetSocketAddress("127.0.0.1", port)); // throws if still bound
        }
      }
      Report.line(
          "teardown: embedded gateway closed, %d ports released, 0 threads left", ports.size());
    }
  }

  @Test
  void sigintToAStandaloneGateway_drainsTheOpenStreamAndFreesItsPorts() throws Exception {
    Path manifests = Files.createDirectory(tmp.resolve("manifests"));
    try (BaseGateway backends = new BaseGateway(manifests, false);
        ChildJvm child =
            ChildJvm.start(
                tmp.resolve("gateway.err"),
                GatewayMain.class.getName(),
                "standalone",
                "--manifests",
                manifests.toString(),
                "--bind",
                "127.0.0.1",
                "--ephemeral-ports");
        GatewayChannels channels = new GatewayChannels()) {
      String line = child.awaitLine(l -> l.startsWith("LISTENING 8080 "));
      int port = Integer.parseInt(line.split(" ")[2].replaceAll(".*:", ""));
      ManagedChannel channel = channels.plaintext(port, "greeter.example.com");
      await()
          .atMost(BaseGateway.APPLY_TIMEOUT)
          .until(
              () ->
                  RawUnary.call(
                          channel, null, "helloworld.Greeter/SayHello", UnaryLoad.CALL_DEADLINE)
                      .ok());
      LongLivedStreams stream = new LongLivedStreams(channel, 1);
      stream.tick();

      child.interrupt();
      // The gateway stops listening but lets the open stream finish: it still answers.
      await().atMost(EXIT).until(() -> !accepts(port));
      stream.tick();
      List<String> broken = stream.finish(EXIT);
      Integer exit = child.awaitExit(EXIT);

      assertThat(broken).as("the stream open at SIGINT").isEmpty();
      assertThat(exit).as("exit status after SIGINT").isNotNull();
      assertThat(accepts(port)).as("port %d after exit", port).isFalse();
      Report.line(
          "teardown: SIGINT to a standalone gateway JVM: open stream drained (%d"
              + " messages), exit status %d, port released",
          stream.messages(), exit);
    }
  }

  @Test
  void sigintToAController_releasesItsLease() throws Exception {
    Path kubeconfig = tmp.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
        users: [{name: mock, user: {token: test}}]
        contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
        current-context: mock
        """
            .formatted(client.getConfiguration().getMasterUrl()));
    Set<String> objectsBefore = objectsInCluster();
    try (ChildJvm child =
        ChildJvm.start(
            tmp.resolve("controller.err"),
            GatewayMain.class.getName(),
            "controller",
            "--kubeconfig",
            kubeconfig.toString(),
            "--bind",
            "127.0.0.1",
            "--ephemeral-ports",
            "--lease-namespace",
            "default",
            "--lease-identity",
            "teardown-test",
            "--leader-election")) {
      await().atMost(ChildJvm.START_TIMEOUT).until(() -> holder().equals("teardown-test"));

      child.interrupt();
      Integer exit = child.awaitExit(EXIT);

      assertThat(exit).as("exit status after SIGINT").isNotNull();
      // Released as client-go and fabric8 release a lock: the Lease object stays (it is the lock),
      // with no holder or, as fabric8 writes it, with a lease duration of one second from now,
      // so a successor takes over at once instead of waiting for the 15 s lease to expire.
      Lease lease =
          client
              .resources(Lease.class)
              .inNamespace("default")
              .withName("grpc-conformance-gateway")
              .get();
      assertThat(released(lease))
          .as(
              "Lease after SIGINT: %s; controller log tail:%n%s",
              io.fabric8.kubernetes.client.utils.Serialization.asYaml(lease),
              tail(tmp.resolve("controller.err")))
          .isTrue();
      Set<String> left = objectsInCluster();
      left.removeAll(objectsBefore);
      left.removeIf(o -> o.startsWith("Lease "));
      Report.line(
          "teardown: SIGINT to a controller JVM: exit status %d, Lease released"
              + " (holder '%s', duration %s s), other objects left behind: %d",
          exit,
          holder(),
          lease == null ? "-" : lease.getSpec().getLeaseDurationSeconds(),
          left.size());
      assertThat(left).as("objects created by the controller").isEmpty();
    }
  }

  private static boolean released(Lease lease) {
    if (lease == null || lease.getSpec() == null) {
      return true;
    }
    String holder = lease.getSpec().getHolderIdentity();
    Integer duration = lease.getSpec().getLeaseDurationSeconds();
    return holder == null || holder.isEmpty() || (duration != null && duration <= 1);
  }

  private String holder() {
    Lease lease =
        client
            .resources(Lease.class)
            .inNamespace("default")
            .withName("grpc-conformance-gateway")
            .get();
    if (lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null) {
      return "";
    }
    return lease.getSpec().getHolderIdentity();
  }

  private Set<String> objectsInCluster() {
    Set<String> all = new HashSet<>();
    client
        .resources(Lease.class)
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(o -> all.add("Lease " + o.getMetadata().getName()));
    client
        .namespaces()
        .list()
        .getItems()
        .forEach(o -> all.add("Namespace " + o.getMetadata().getName()));
    client
        .configMaps()
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(o -> all.add("ConfigMap " + o.getMetadata().getName()));
    client
        .v1()
        .events()
        .inAnyNamespace()
        .list()
        .getItems()
        .forEach(o -> all.add("Event " + o.getMetadata().getName()));
    return all;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Live threads that did not exist before, by name. */
  private static Map<String, Long> newThreads(Set<Thread> before) {
    List<Thread> now = new ArrayList<>(Thread.getAllStackTraces().keySet());
    now.removeAll(before);
    now.removeIf(t -> !t.isAlive() || isJvmOrTestThread(t.getName()));
    return new TreeMap<>(
        now.stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.getName().replaceAll("[-#]?\\d+$", ""), Collectors.counting())));
  }

  /** Threads that belong to the JVM or to the test's own clients, not to the gateway. */
  private static boolean isJvmOrTestThread(String name) {
    // grpc-java's process-wide shared pools (grpc-default-executor, grpc-default-worker/boss
    // event loops) are reference counted and also used by the backends and the test's clients.
    return name.startsWith("Attach Listener")
        || name.startsWith("process reaper")
        || name.startsWith("Common-Cleaner")
        || name.startsWith("ForkJoinPool")
        || name.startsWith("awaitility")
        || name.startsWith("child-jvm")
        || name.startsWith("grpc-default-");
  }
}
