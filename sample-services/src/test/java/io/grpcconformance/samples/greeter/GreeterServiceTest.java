package io.grpcconformance.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.HeaderCapture;
import io.grpcconformance.samples.testing.RecordingObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every Greeter method over a real loopback connection with a grpc-java Netty client. */
class GreeterServiceTest {

  private static SampleServer server;
  private final Clients clients = new Clients();

  @BeforeAll
  static void start() throws Exception {
    server = SampleServer.builder(SampleServer.Kind.GREETER).name("greeter-test").start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() throws InterruptedException {
    clients.close();
  }

  private GreeterGrpc.GreeterBlockingStub blocking() {
    return GreeterGrpc.newBlockingStub(clients.plaintext(server.port()))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private GreeterGrpc.GreeterStub async() {
    return GreeterGrpc.newStub(clients.plaintext(server.port()))
        .withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  @Test
  void sayHelloRepliesWithTheNameAndServedBy() {
    HeaderCapture capture = new HeaderCapture();
    HelloReply reply =
        capture
            .on(blocking())
            .sayHello(
                HelloRequest.newBuilder()
                    .setName("world")
                    .setPayload(ByteString.copyFrom(new byte[1234]))
                    .build());

    assertThat(reply.getMessage()).isEqualTo("Hello world");
    assertThat(reply.getIndex()).isZero();
    assertThat(reply.getPayloadSize()).isEqualTo(1234);
    assertThat(capture.servedBy().name()).isEqualTo("greeter-test");
    assertThat(capture.servedBy().method()).isEqualTo("/helloworld.Greeter/SayHello");
  }

  @Test
  void streamReplyDefaultsToThreeReplies() {
    Iterator<HelloReply> replies =
        blocking().sayHelloStreamReply(HelloRequest.newBuilder().setName("s").build());
    List<HelloReply> all = new ArrayList<>();
    replies.forEachRemaining(all::add);

    assertThat(all).extracting(HelloReply::getIndex).containsExactly(0, 1, 2);
    assertThat(all).extracting(HelloReply::getMessage).containsOnly("Hello s");
  }

  @Test
  void streamReplySendsCountRepliesIntervalApart() {
    long started = System.nanoTime();
    Iterator<HelloReply> replies =
        blocking()
            .sayHelloStreamReply(
                HelloRequest.newBuilder().setName("t").setCount(4).setIntervalMillis(100).build());
    List<Integer> indexes = new ArrayList<>();
    replies.forEachRemaining(r -> indexes.add(r.getIndex()));
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertThat(indexes).containsExactly(0, 1, 2, 3);
    // Three pauses of 100 ms lie between four replies.
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
  }

  @Test
  void streamReplyRejectsANegativeCountWithServedBy() {
    HeaderCapture capture = new HeaderCapture();
    Iterator<HelloReply> replies =
        capture
            .on(blocking())
            .sayHelloStreamReply(HelloRequest.newBuilder().setName("x").setCount(-1).build());

    assertThatThrownBy(replies::hasNext)
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(
            e ->
                assertThat(Status.fromThrowable(e).getCode())
                    .isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThat(capture.servedBy().name()).isEqualTo("greeter-test");
  }

  @Test
  void streamReplyStopsWhenTheClientCancels() throws Exception {
    RecordingObserver<HelloReply> observer = new RecordingObserver<>();
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(
        () ->
            async()
                .sayHelloStreamReply(
                    HelloRequest.newBuilder()
                        .setName("c")
                        .setCount(1000)
                        .setIntervalMillis(20)
                        .build(),
                    observer));
    org.awaitility.Awaitility.await().until(() -> observer.values().size() >= 2);

    context.cancel(null);

    assertThat(observer.awaitDone().getCode()).isEqualTo(Status.Code.CANCELLED);
    assertThat(observer.values().size()).isLessThan(1000);
    // The server keeps serving other calls.
    assertThat(blocking().sayHello(HelloRequest.newBuilder().setName("after").build()).getMessage())
        .isEqualTo("Hello after");
  }

  @Test
  void bidiStreamAnswersEachRequestInOrder() {
    RecordingObserver<HelloReply> observer = new RecordingObserver<>();
    HeaderCapture capture = new HeaderCapture();
    StreamObserver<HelloRequest> requests = capture.on(async()).sayHelloBidiStream(observer);
    for (int i = 0; i < 5; i++) {
      requests.onNext(HelloRequest.newBuilder().setName("n" + i).build());
    }
    requests.onCompleted();

    assertThat(observer.awaitDone().isOk()).isTrue();
    assertThat(observer.values())
        .extracting(HelloReply::getMessage)
        .containsExactly("Hello n0", "Hello n1", "Hello n2", "Hello n3", "Hello n4");
    assertThat(observer.values()).extracting(HelloReply::getIndex).containsExactly(0, 1, 2, 3, 4);
    assertThat(capture.servedBy().method()).isEqualTo("/helloworld.Greeter/SayHelloBidiStream");
  }

  @Test
  void bidiStreamWithNoRequestsCompletes() {
    RecordingObserver<HelloReply> observer = new RecordingObserver<>();
    async().sayHelloBidiStream(observer).onCompleted();

    assertThat(observer.awaitDone().isOk()).isTrue();
    assertThat(observer.values()).isEmpty();
  }
}
