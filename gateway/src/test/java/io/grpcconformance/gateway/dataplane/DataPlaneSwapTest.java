package io.grpcconformance.gateway.dataplane;

import static io.grpcconformance.gateway.dataplane.TestTables.any;
import static io.grpcconformance.gateway.dataplane.TestTables.backend;
import static io.grpcconformance.gateway.dataplane.TestTables.host;
import static io.grpcconformance.gateway.dataplane.TestTables.http;
import static io.grpcconformance.gateway.dataplane.TestTables.https;
import static io.grpcconformance.gateway.dataplane.TestTables.route;
import static io.grpcconformance.gateway.dataplane.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Live configuration changes: table swaps under load, open streams, ports, channels. */
class DataPlaneSwapTest extends DataPlaneTestSupport {
  private static final Duration SHORT_RETIREMENT = Duration.ofMillis(100);

  @Test
  void tableSwapUnderLoad_noCallThatStillRoutesFails() throws Exception {
    TestBackend a = startBackend("a");
    TestBackend b = startBackend("b");
    DataPlane dataPlane = dataPlane(config(), variant(0, a, b));
    ManagedChannel channel = channel(dataPlane, 8080, "foo.example.com");
    int threads = 4;
    int callsPerThread = 600;
    AtomicInteger done = new AtomicInteger();
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    closeLater(clients::shutdownNow);
    for (int t = 0; t < threads; t++) {
      clients.execute(() -> {
        for (int i = 0; i < callsPerThread; i++) {
          Outcome outcome = sayHello(channel, "load");
          if (outcome.error() != null) {
            failures.add(outcome.error().getStatus().toString());
          }
          done.incrementAndGet();
        }
      });
    }

    int swaps = 50;
    int total = threads * callsPerThread;
    for (int generation = 1; generation <= swaps; generation++) {
      dataPlane.apply(variant(generation, a, b));
      int target = generation * total / (swaps + 2); // spread the swaps over the whole run
      eventually().until(() -> done.get() >= target);
    }
    eventually().until(() -> done.get() == total);

    assertThat(failures).isEmpty();
    assertThat(a.received.size() + b.received.size()).isEqualTo(total);
    assertThat(dataPlane.current().generation()).isEqualTo(swaps);
  }

  @Test
  void streamOpenedBeforeSwap_completesOnItsBackend() throws Exception {
    TestBackend a = startBackend("a");
    TestBackend b = startBackend("b");
    DataPlane dataPlane = dataPlane(config(), table(1, http(8080, host("*",
        any(backend("a", 1, a))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");
    Recorder<HelloReply> replies = new Recorder<>();
    StreamObserver<HelloRequest> stream = GreeterGrpc.newStub(channel).sayHelloBidiStream(replies);
    stream.onNext(hello("before"));
    eventually().until(() -> replies.values.size() == 1);

    dataPlane.apply(table(2, http(8080, host("*", any(backend("b", 1, b))))));
    eventually().until(() -> !dataPlane.backendChannels().contains(channelName(a)));
    stream.onNext(hello("after"));
    stream.onCompleted();

    eventually().until(replies::done);
    assertThat(replies.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(replies.values).extracting(HelloReply::getMessage)
        .containsExactly("Hello before from a", "Hello after from a");
    assertThat(sayHello(channel, "new").header("x-backend")).isEqualTo("b");
  }

  @Test
  void removedPort_stopsListeningWhileOpenStreamsFinish() throws Exception {
    TestBackend a = startBackend("a");
    VirtualHost everything = host("*", any(backend("a", 1, a)));
    DataPlane dataPlane = dataPlane(config(), table(1, http(8080, everything),
        http(9090, everything)));
    int oldPort = dataPlane.boundPort(8080);
    Recorder<HelloReply> replies = new Recorder<>();
    StreamObserver<HelloRequest> stream = GreeterGrpc.newStub(channel(dataPlane, 8080, "x"))
        .sayHelloBidiStream(replies);
    stream.onNext(hello("one"));
    eventually().until(() -> replies.values.size() == 1);

    dataPlane.apply(table(2, http(9090, everything)));

    assertThat(dataPlane.boundPort(8080)).isEqualTo(-1);
    assertThat(dataPlane.boundPorts()).containsOnlyKeys(9090);
    assertThat(sayHello(channel(dataPlane, 9090, "x"), "still").error()).isNull();
    assertThat(refused(oldPort)).isTrue();
    stream.onNext(hello("two"));
    stream.onCompleted();
    eventually().until(replies::done);
    assertThat(replies.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(replies.values).hasSize(2);
  }

  @Test
  void addedPort_boundAndServing() throws Exception {
    TestBackend a = startBackend("a");
    VirtualHost everything = host("*", any(backend("a", 1, a)));
    DataPlane dataPlane = dataPlane(config(), table(1, http(8080, everything)));

    List<String> problems = dataPlane.apply(table(2, http(8080, everything),
        http(9090, everything)));

    assertThat(problems).isEmpty();
    assertThat(dataPlane.boundPorts()).containsOnlyKeys(8080, 9090);
    assertThat(sayHello(channel(dataPlane, 9090, "x"), "new port").error()).isNull();
  }

  @Test
  void protocolChange_rebindsTheSamePortWithTls() throws Exception {
    TestBackend a = startBackend("a");
    VirtualHost everything = host("*", any(backend("a", 1, a)));
    DataPlane dataPlane = dataPlane(config(), table(1, http(8080, everything)));
    int before = dataPlane.boundPort(8080);
    assertThat(sayHello(channel(dataPlane, 8080, "x"), "h2c").error()).isNull();

    dataPlane.apply(table(2, https(8080, List.of(TestCertificates.serverCertificate("x.test",
        "")), Optional.empty(), everything)));

    assertThat(dataPlane.boundPort(8080)).isEqualTo(before);
    assertThat(TlsProbe.handshake(before, "x.test").alpn()).isEqualTo("h2");
    assertThat(sayHello(channel(dataPlane, 8080, "x"), "h2c again").error().getStatus()
        .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void bindFailure_namesThePortWhileOtherPortsServe() throws Exception {
    TestBackend a = startBackend("a");
    VirtualHost everything = host("*", any(backend("a", 1, a)));
    ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    int takenPort = taken.getLocalPort();
    int freePort = freePort();
    RoutingTable table = table(1, http(takenPort, everything), http(freePort, everything));
    DataPlane dataPlane = closeLater(new DataPlane(
        new DataPlaneConfig("127.0.0.1", false).withDrainTimeout(TEST_DRAIN)));

    List<String> problems;
    try (taken) {
      problems = dataPlane.apply(table);
      assertThat(sayHello(channel(dataPlane, freePort, "x"), "ok").error()).isNull();
    }

    assertThat(problems).singleElement().asString()
        .startsWith("port " + takenPort + " (HTTP): cannot listen on 127.0.0.1");
    assertThat(dataPlane.problems()).isEqualTo(problems);
    assertThat(dataPlane.boundPorts()).containsOnlyKeys(freePort);
    assertThat(dataPlane.apply(table)).as("retried once the port is free").isEmpty();
    assertThat(dataPlane.boundPort(takenPort)).isEqualTo(takenPort);
  }

  @Test
  void endpointLeavingTable_channelRetiredAfterDelay() throws Exception {
    TestBackend a = startBackend("a");
    TestBackend b = startBackend("b");
    DataPlane dataPlane = dataPlane(config(), table(1, http(8080, host("*",
        any(backend("a", 1, a))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x");
    assertThat(sayHello(channel, "a").header("x-backend")).isEqualTo("a");
    assertThat(dataPlane.backendChannels()).containsExactly(channelName(a));

    dataPlane.apply(table(2, http(8080, host("*", any(backend("b", 1, b))))));
    assertThat(sayHello(channel, "b").header("x-backend")).isEqualTo("b");

    eventually().until(() -> dataPlane.backendChannels().equals(List.of(channelName(b))));
  }

  /** Tables that all route foo.example.com SayHello to a valid backend, in varying ways. */
  private static RoutingTable variant(long generation, TestBackend a, TestBackend b) {
    WeightedBackend toA = backend("a", 1, a);
    WeightedBackend toB = backend("b", 1, b);
    WeightedBackend[] backends = switch ((int) (generation % 3)) {
      case 0 -> new WeightedBackend[] {toA};
      case 1 -> new WeightedBackend[] {toB};
      default -> new WeightedBackend[] {backend("a", 3, a), backend("b", 1, b)};
    };
    String hostname = generation % 2 == 0 ? "foo.example.com" : "*.example.com";
    VirtualHost host = host(hostname,
        route("other", PathMatch.exact("/com.example.User/Login"), List.of(),
            RouteAction.forward(List.of(backends))),
        route("main", PathMatch.prefix("/helloworld.Greeter/"), List.of(),
            RouteAction.forward(List.of(backends))));
    // Only the chosen backends are referenced, so the other one's channel retires (after
    // SHORT_RETIREMENT) while calls run, and is reopened when a later table needs it again.
    PortRoutes port = http(8080, host, host("*.unrelated.test", any(backends)));
    return table(generation, port);
  }

  private static DataPlaneConfig config() {
    return new DataPlaneConfig("127.0.0.1", true).withDrainTimeout(TEST_DRAIN)
        .withRetiredChannelDelay(SHORT_RETIREMENT);
  }

  private static HelloRequest hello(String name) {
    return HelloRequest.newBuilder().setName(name).build();
  }

  private static String channelName(TestBackend backend) {
    return "H2C " + backend.endpoint();
  }

  private static boolean refused(int port) {
    try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (java.io.IOException expected) {
      return true;
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
