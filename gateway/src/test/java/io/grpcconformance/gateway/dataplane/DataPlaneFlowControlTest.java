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
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A slow reader slows the writer through the proxy, and memory per stream stays bounded. */
class DataPlaneFlowControlTest extends DataPlaneTestSupport {
  private static final int MESSAGES = 10_000;
  private static final int MESSAGE_BYTES = 64 * 1024;
  /**
   * Most messages the backend may have written beyond what the client read: the client's window
   * (1 MiB = 16 messages), the proxy's inbound window from the backend (16), one message held by
   * the proxy and the transports' ready thresholds; 64 messages = 4 MiB leaves room for framing.
   * Without backpressure the backend would write all 10,000 (625 MiB).
   */
  private static final int MAX_IN_FLIGHT = 64;
  private static final Duration STEADY = Duration.ofMillis(500);

  @Test
  void slowReader_backendSeesBackpressureAndInFlightStaysBounded() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ClientCall<HelloRequest, HelloReply> call = channel(dataPlane, 8080, "x.test")
        .newCall(GreeterGrpc.getSayHelloStreamReplyMethod(), CallOptions.DEFAULT);
    AtomicInteger received = new AtomicInteger();
    AtomicReference<Status> closed = new AtomicReference<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onMessage(HelloReply reply) {
        assertThat(reply.getMessage()).hasSize(MESSAGE_BYTES);
        received.incrementAndGet();
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.set(status);
      }
    }, new Metadata());
    call.sendMessage(HelloRequest.newBuilder().setName("slow").setCount(MESSAGES)
        .setPayload(ByteString.copyFrom(new byte[MESSAGE_BYTES])).build());
    call.halfClose();

    // Read 10 messages, then stop reading: the backend must block on isReady().
    call.request(10);
    eventually().until(() -> received.get() == 10 && a.sawNotReady.get());
    eventually().during(STEADY)
        .until(() -> a.streamed.get() - received.get() <= MAX_IN_FLIGHT);

    // Read 200 more: the backend resumes, and stays bounded again.
    call.request(200);
    eventually().until(() -> received.get() == 210);
    eventually().during(STEADY)
        .until(() -> a.streamed.get() - received.get() <= MAX_IN_FLIGHT);
    assertThat(a.streamed.get()).isLessThan(MESSAGES);

    call.cancel("reader gives up", null);
    eventually().until(() -> a.cancellations.get() == 1);
    // onClose is delivered on the client's executor, possibly after the backend saw the cancel.
    eventually().until(() -> closed.get() != null);
    assertThat(closed.get().getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void slowBackendReader_clientSeesBackpressureAndInFlightStaysBounded() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ClientCall<HelloRequest, HelloReply> call = channel(dataPlane, 8080, "x.test")
        .newCall(TestBackend.COLLECT_SLOWLY, CallOptions.DEFAULT);
    HelloRequest big = HelloRequest.newBuilder().setName("big")
        .setPayload(ByteString.copyFrom(new byte[MESSAGE_BYTES])).build();
    AtomicInteger sent = new AtomicInteger();
    AtomicBoolean clientBlocked = new AtomicBoolean();
    AtomicReference<Status> closed = new AtomicReference<>();
    // A well-behaved writer: sends only while isReady(), resumes from onReady.
    Runnable write = () -> {
      while (call.isReady() && sent.get() < MESSAGES) {
        call.sendMessage(big);
        sent.incrementAndGet();
      }
      if (!call.isReady()) {
        clientBlocked.set(true);
      }
    };
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onReady() {
        write.run();
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        closed.set(status);
      }
    }, new Metadata());
    call.request(1);
    eventually().until(a::collectingSlowly);

    a.allowReads(10);
    eventually().until(() -> a.slowlyCollected.get() == 10 && clientBlocked.get());
    eventually().during(STEADY)
        .until(() -> sent.get() - a.slowlyCollected.get() <= MAX_IN_FLIGHT);
    a.allowReads(200);
    eventually().until(() -> a.slowlyCollected.get() == 210);
    eventually().during(STEADY)
        .until(() -> sent.get() - a.slowlyCollected.get() <= MAX_IN_FLIGHT);
    assertThat(sent.get()).isLessThan(MESSAGES);

    call.cancel("writer gives up", null);
    eventually().until(() -> a.cancellations.get() == 1);
    eventually().until(() -> closed.get() != null);
    assertThat(closed.get().getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void fastReader_receivesTheWholeStream() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    Recorder<HelloReply> replies = new Recorder<>();

    GreeterGrpc.newStub(channel(dataPlane, 8080, "x.test")).sayHelloStreamReply(
        HelloRequest.newBuilder().setName("fast").setCount(2_000)
            .setPayload(ByteString.copyFrom(new byte[4096])).build(), replies);

    eventually().until(replies::done);
    assertThat(replies.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(replies.values).hasSize(2_000);
    assertThat(replies.values.get(1_999).getIndex()).isEqualTo(1_999);
  }
}
