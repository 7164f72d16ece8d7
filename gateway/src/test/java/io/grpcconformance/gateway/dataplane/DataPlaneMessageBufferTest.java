package io.grpcconformance.gateway.dataplane;

import static io.grpcconformance.gateway.dataplane.TestTables.any;
import static io.grpcconformance.gateway.dataplane.TestTables.backend;
import static io.grpcconformance.gateway.dataplane.TestTables.host;
import static io.grpcconformance.gateway.dataplane.TestTables.http;
import static io.grpcconformance.gateway.dataplane.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large messages travel in their transport buffers ({@link Frame}): they arrive intact, and every
 * buffer is freed, also when the call fails or is cancelled with a message in the proxy. Netty's
 * leak detector runs in paranoid mode (every buffer tracked) and must report nothing.
 */
class DataPlaneMessageBufferTest extends DataPlaneTestSupport {
  private static final int LARGE = 64 * 1024;
  /** Deadline of calls to a backend that never answers. */
  private static final Duration STALLED_DEADLINE = Duration.ofMillis(500);
  private static final Logger LEAK_LOGGER = Logger.getLogger(ResourceLeakDetector.class.getName());
  private static ResourceLeakDetector.Level previousLevel;

  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final Handler leakRecorder = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (String.valueOf(record.getMessage()).contains("LEAK")) {
        leaks.add(record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void trackEveryBuffer() {
    previousLevel = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterAll
  static void restoreLeakDetection() {
    ResourceLeakDetector.setLevel(previousLevel);
  }

  @BeforeEach
  void recordLeaks() {
    LEAK_LOGGER.addHandler(leakRecorder);
  }

  @AfterEach
  void stopRecordingLeaks() {
    LEAK_LOGGER.removeHandler(leakRecorder);
  }

  @Test
  void largeMessages_relayedIntactBothWays() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");
    byte[] pattern = new byte[LARGE];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) (i * 31);
    }

    HelloReply unary = GreeterGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .sayHello(HelloRequest.newBuilder().setName("big").setPayload(ByteString.copyFrom(pattern))
            .build());
    List<HelloReply> streamed = new java.util.ArrayList<>();
    GreeterGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .sayHelloStreamReply(HelloRequest.newBuilder().setName("big").setCount(20)
            .setPayload(ByteString.copyFrom(pattern)).build())
        .forEachRemaining(streamed::add);

    assertThat(unary.getMessage()).isEqualTo("Hello big from a");
    assertThat(unary.getPayloadSize()).isEqualTo(LARGE);
    assertThat(streamed).hasSize(20).allSatisfy(reply ->
        assertThat(reply.getMessage()).isEqualTo("x".repeat(LARGE)));
    assertNoLeaks(channel);
  }

  @Test
  void largeRequestToStalledBackend_bufferFreedWhenTheCallEnds() throws Exception {
    // Accepts TCP connections (the kernel does) but never speaks HTTP/2: the backend call waits
    // for its connection with the request in it until the client's deadline ends the call.
    ServerSocket stalled = closeLater(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    TestBackend live = startBackend("live");
    WeightedBackend silent = new WeightedBackend("silent", 1,
        List.of(new Endpoint("127.0.0.1", stalled.getLocalPort())), BackendProtocol.H2C, null);
    DataPlane dataPlane = dataPlane(table(1, http(8080,
        host("silent.test", any(silent)), host("*", any(backend("live", 1, live))))));
    ManagedChannel channel = channel(dataPlane, 8080, "silent.test");

    for (int i = 0; i < 5; i++) {
      Status status = Status.fromThrowable(org.junit.jupiter.api.Assertions.assertThrows(
          RuntimeException.class, () -> GreeterGrpc.newBlockingStub(channel)
              .withDeadlineAfter(STALLED_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .sayHello(HelloRequest.newBuilder().setName("x".repeat(LARGE)).build())));
      assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    assertNoLeaks(channel(dataPlane, 8080, "live.test"));
  }

  @Test
  void cancelledStreamsWithMessagesInFlight_buffersFreed() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");
    HelloRequest big = HelloRequest.newBuilder().setName("big")
        .setPayload(ByteString.copyFrom(new byte[LARGE])).build();

    // Client streaming into a backend that reads 2 messages, then the client gives up.
    ClientCall<HelloRequest, HelloReply> upload =
        channel.newCall(TestBackend.COLLECT_SLOWLY, CallOptions.DEFAULT);
    upload.start(new ClientCall.Listener<>() {}, new Metadata());
    for (int i = 0; i < 40; i++) {
      upload.sendMessage(big);
    }
    eventually().until(a::collectingSlowly);
    a.allowReads(2);
    eventually().until(() -> a.slowlyCollected.get() == 2);
    upload.cancel("client gives up", null);
    eventually().until(() -> a.cancellations.get() == 1);

    // Server streaming to a client that reads 3 messages, then cancels.
    ClientCall<HelloRequest, HelloReply> download =
        channel.newCall(GreeterGrpc.getSayHelloStreamReplyMethod(), CallOptions.DEFAULT);
    AtomicInteger received = new AtomicInteger();
    download.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(HelloReply message) {
        received.incrementAndGet();
      }
    }, new Metadata());
    download.sendMessage(big.toBuilder().setCount(1_000).build());
    download.halfClose();
    download.request(3);
    eventually().until(() -> received.get() == 3 && a.sawNotReady.get());
    download.cancel("reader gives up", null);
    eventually().until(() -> a.cancellations.get() == 2);

    assertNoLeaks(channel);
  }

  /**
   * Collects garbage (an unreleased buffer's tracker is then enqueued) and allocates tracked
   * buffers (each allocation reports what was enqueued), a few times; nothing may be reported.
   */
  private void assertNoLeaks(ManagedChannel channel) {
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 5; i++) {
        assertThat(sayHello(channel, "x".repeat(LARGE)).error()).isNull();
      }
    }
    assertThat(leaks).isEmpty();
  }
}
