package io.grpcconformance.gateway.dataplane;

import static io.grpcconformance.gateway.dataplane.TestTables.any;
import static io.grpcconformance.gateway.dataplane.TestTables.backend;
import static io.grpcconformance.gateway.dataplane.TestTables.forward;
import static io.grpcconformance.gateway.dataplane.TestTables.host;
import static io.grpcconformance.gateway.dataplane.TestTables.http;
import static io.grpcconformance.gateway.dataplane.TestTables.route;
import static io.grpcconformance.gateway.dataplane.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.gateway.routing.HeaderModifier;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Transparent proxying over real h2c loopback connections: every call kind, headers, status. */
class DataPlaneProxyTest extends DataPlaneTestSupport {

  @Test
  void unary_reachesBackendWithClientAuthority() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("foo.example.com", any(backend("a",
        1, a))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "foo.example.com"), "unary");

    assertThat(outcome.reply().getMessage()).isEqualTo("Hello unary from a");
    assertThat(outcome.header("x-seen-authority")).isEqualTo("foo.example.com");
    assertThat(outcome.trailer("x-backend-trailer")).isEqualTo("a");
    assertThat(outcome.header("x-gateway-route")).isNull();
  }

  @Test
  void unary_backendErrorStatusAndTrailersReachClient() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "fail");

    assertThat(outcome.error().getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(outcome.error().getStatus().getDescription()).isEqualTo("told to fail a");
    assertThat(outcome.trailer("x-backend-trailer")).isEqualTo("a");
    assertThat(outcome.trailer("x-gateway-answer")).isNull();
  }

  @Test
  void serverStreaming_relaysEveryMessageInOrder() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));

    Iterator<HelloReply> replies = GreeterGrpc.newBlockingStub(channel(dataPlane, 8080, "x.test"))
        .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .sayHelloStreamReply(HelloRequest.newBuilder().setName("s").setCount(5).build());

    List<Integer> indexes = new java.util.ArrayList<>();
    replies.forEachRemaining(reply -> indexes.add(reply.getIndex()));
    assertThat(indexes).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void clientStreaming_relaysEveryMessage() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");

    Recorder<HelloReply> reply = new Recorder<>();
    StreamObserver<HelloRequest> requests = ClientCalls.asyncClientStreamingCall(
        channel.newCall(TestBackend.COLLECT, CallOptions.DEFAULT), reply);
    for (String name : List.of("x", "y", "z")) {
      requests.onNext(HelloRequest.newBuilder().setName(name).build());
    }
    requests.onCompleted();

    eventually().until(reply::done);
    assertThat(reply.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(reply.values).extracting(HelloReply::getMessage).containsExactly("x,y,z from a");
  }

  @Test
  void bidiStreaming_relaysBothWaysAndHalfClose() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    Recorder<HelloReply> replies = new Recorder<>();
    StreamObserver<HelloRequest> requests =
        GreeterGrpc.newStub(channel(dataPlane, 8080, "x.test")).sayHelloBidiStream(replies);

    requests.onNext(HelloRequest.newBuilder().setName("one").build());
    eventually().until(() -> replies.values.size() == 1);
    requests.onNext(HelloRequest.newBuilder().setName("two").build());
    requests.onCompleted();

    eventually().until(replies::done);
    assertThat(replies.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(replies.values).extracting(HelloReply::getMessage)
        .containsExactly("Hello one from a", "Hello two from a");
  }

  @Test
  void headers_forwardedWithFiltersAppliedBothWays() throws Exception {
    TestBackend a = startBackend("a");
    HeaderModifier request = new HeaderModifier(Map.of("x-set", "new"), Map.of("x-add", "added"),
        List.of("x-remove"));
    HeaderModifier response = new HeaderModifier(Map.of("x-backend", "rewritten"),
        Map.of("x-resp-add", "yes"), List.of("x-echo-x-keep"));
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", route("filters",
        PathMatch.any(), List.of(), forward(request, response, backend("a", 1, a)))))));
    Metadata sent = new Metadata();
    sent.put(ProxyHeaders.ascii("x-keep"), "kept");
    sent.put(ProxyHeaders.ascii("x-remove"), "gone");
    sent.put(ProxyHeaders.ascii("x-set"), "old");
    sent.put(ProxyHeaders.ascii("x-set"), "older");
    Metadata.Key<byte[]> binary = Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER);
    sent.put(binary, new byte[] {0, 1, 2, (byte) 0xff});

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "headers", sent);

    Metadata atBackend = a.last().headers();
    assertThat(atBackend.get(ProxyHeaders.ascii("x-keep"))).isEqualTo("kept");
    assertThat(atBackend.containsKey(ProxyHeaders.ascii("x-remove"))).isFalse();
    assertThat(atBackend.getAll(ProxyHeaders.ascii("x-set"))).containsExactly("new");
    assertThat(atBackend.get(ProxyHeaders.ascii("x-add"))).isEqualTo("added");
    assertThat(atBackend.get(binary)).containsExactly(0, 1, 2, 0xff);
    assertThat(outcome.header("x-echo-x-set")).isEqualTo("new");
    assertThat(outcome.header("x-backend")).isEqualTo("rewritten");
    assertThat(outcome.header("x-resp-add")).isEqualTo("yes");
    assertThat(outcome.header("x-echo-x-keep")).isNull();
    assertThat(outcome.header("x-echo-x-remove")).isNull();
  }

  @Test
  void deadline_propagatedToBackend() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");

    Outcome withDeadline = sayHello(channel, "deadline");
    HelloReply noDeadline = GreeterGrpc.newBlockingStub(channel)
        .sayHello(HelloRequest.newBuilder().setName("none").build());

    assertThat(Long.parseLong(withDeadline.header("x-seen-deadline")))
        .isBetween(1L, CALL_TIMEOUT.toMillis());
    assertThat(noDeadline.getMessage()).isEqualTo("Hello none from a");
    assertThat(a.last().deadlineMillis()).isNull();
  }

  @Test
  void deadline_expiryCancelsBackendCall() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));

    Status status = Status.fromThrowable(org.junit.jupiter.api.Assertions.assertThrows(
        RuntimeException.class, () -> GreeterGrpc.newBlockingStub(channel(dataPlane, 8080, "x"))
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .sayHello(HelloRequest.newBuilder().setName("hang").build())));

    assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    // The deadline is long enough for the call to reach the backend even on a loaded machine;
    // once there, the expiry must cancel it.
    assertThat(a.received).hasSize(1);
    eventually().until(() -> a.cancellations.get() == 1);
  }

  @Test
  void cancellation_propagatedToBackend() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    ClientCall<HelloRequest, HelloReply> call = channel(dataPlane, 8080, "x")
        .newCall(GreeterGrpc.getSayHelloMethod(), CallOptions.DEFAULT);
    Recorder<HelloReply> reply = new Recorder<>();
    ClientCalls.asyncUnaryCall(call, HelloRequest.newBuilder().setName("hang").build(), reply);

    eventually().until(() -> !a.received.isEmpty());
    call.cancel("test cancels", null);

    eventually().until(() -> a.cancellations.get() == 1);
    assertThat(reply.status().getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void backendGoingAway_failsTheClientCall() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    Recorder<HelloReply> reply = new Recorder<>();
    GreeterGrpc.newStub(channel(dataPlane, 8080, "x"))
        .sayHello(HelloRequest.newBuilder().setName("hang").build(), reply);
    eventually().until(() -> !a.received.isEmpty());

    a.close();

    eventually().until(reply::done);
    assertThat(reply.status().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
  }

  @Test
  void compressedMessages_relayedWithTheirEncoding() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(backend("a", 1, a))))));
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    ByteString payload = ByteString.copyFromUtf8("compress me ".repeat(10_000));

    HelloReply reply = GreeterGrpc.newBlockingStub(channel(dataPlane, 8080, "x"))
        .withCompression("gzip")
        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(responseHeaders,
            new AtomicReference<>()))
        .sayHello(HelloRequest.newBuilder().setName("zip").setPayload(payload).build());

    assertThat(reply.getPayloadSize()).isEqualTo(payload.size());
    assertThat(a.last().headers().get(PassThroughCompression.ENCODING_KEY)).isEqualTo("gzip");
    assertThat(a.last().headers().get(PassThroughCompression.ACCEPT_ENCODING_KEY))
        .contains("gzip");
    assertThat(responseHeaders.get().get(PassThroughCompression.ENCODING_KEY)).isEqualTo("gzip");
  }

  @Test
  void routeDebugHeader_namesTheRouteWhenEnabled() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(new DataPlaneConfig("127.0.0.1", true)
            .withDrainTimeout(TEST_DRAIN).withRouteDebugHeader(true),
        table(1, http(8080, host("*", any(backend("a", 1, a))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x"), "debug");

    assertThat(outcome.header("x-gateway-route")).isEqualTo("GRPCRoute default/any rule 0");
  }

  @Test
  void tlsBackend_proxiedOverTls() throws Exception {
    TestBackend secure = closeLater(TestBackend.startTls("secure"));
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*",
        any(backend("secure", 1, BackendProtocol.TLS, secure))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "grpcs.example.com"), "tls");

    assertThat(outcome.reply().getMessage()).isEqualTo("Hello tls from secure");
    assertThat(outcome.header("x-seen-authority")).isEqualTo("grpcs.example.com");
  }
}
