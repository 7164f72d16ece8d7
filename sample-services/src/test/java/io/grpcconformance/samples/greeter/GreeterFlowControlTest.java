package io.grpcconformance.samples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.RecordingObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow consumer must not make the Greeter buffer without bound: with the client requesting no
 * messages, the replies the service hands to gRPC stop near the flow-control windows, and the
 * stream still completes once the client reads.
 */
class GreeterFlowControlTest {

  /** Replies of about 2 KiB each: 2000 of them (4 MiB) dwarf every window involved. */
  private static final String LONG_NAME = "x".repeat(2048);

  private static final int COUNT = 2000;

  /** Client window 16 KiB + server onReady threshold 32 KiB + transport slack, in replies. */
  private static final int BOUND = 200;

  /** How long the sent count must stay bounded while the client reads nothing. */
  private static final Duration STALL = Duration.ofMillis(700);

  private ScheduledExecutorService scheduler;
  private GreeterService service;
  private Server server;
  private final Clients clients = new Clients();

  @BeforeEach
  void start() throws Exception {
    scheduler = Executors.newSingleThreadScheduledExecutor();
    service = new GreeterService(scheduler);
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .build()
            .start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    clients.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    scheduler.shutdownNow();
  }

  private GreeterGrpc.GreeterStub slowClient() {
    int port =
        server.getListenSockets().stream()
            .map(a -> ((InetSocketAddress) a).getPort())
            .findFirst()
            .orElseThrow();
    return GreeterGrpc.newStub(
        clients.track(
            NettyChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .flowControlWindow(16 * 1024)));
  }

  @Test
  void serverStreamingPausesForASlowConsumer() {
    ManualObserver<HelloRequest, HelloReply> observer = new ManualObserver<>();
    slowClient()
        .sayHelloStreamReply(
            HelloRequest.newBuilder().setName(LONG_NAME).setCount(COUNT).build(), observer);

    await().until(() -> service.repliesSent() > 0);
    await().during(STALL).atMost(STALL.multipliedBy(4)).until(() -> service.repliesSent() < BOUND);

    observer.requestAll();
    assertThat(observer.awaitDone().isOk()).isTrue();
    assertThat(observer.values()).hasSize(COUNT);
    assertThat(observer.values().get(COUNT - 1).getIndex()).isEqualTo(COUNT - 1);
  }

  @Test
  void bidiStreamingStopsReadingForASlowConsumer() {
    ManualObserver<HelloRequest, HelloReply> observer = new ManualObserver<>();
    StreamObserver<HelloRequest> requests = slowClient().sayHelloBidiStream(observer);
    for (int i = 0; i < COUNT; i++) {
      requests.onNext(HelloRequest.newBuilder().setName(LONG_NAME).build());
    }
    requests.onCompleted();

    await().until(() -> service.repliesSent() > 0);
    await().during(STALL).atMost(STALL.multipliedBy(4)).until(() -> service.repliesSent() < BOUND);

    observer.requestAll();
    assertThat(observer.awaitDone().isOk()).isTrue();
    assertThat(observer.values()).hasSize(COUNT);
    assertThat(observer.values()).extracting(HelloReply::getIndex).isSorted();
  }

  /** A client observer with manual flow control that asks for nothing until told to. */
  private static final class ManualObserver<ReqT, RespT> extends RecordingObserver<RespT>
      implements ClientResponseObserver<ReqT, RespT> {
    private volatile ClientCallStreamObserver<ReqT> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<ReqT> requestStream) {
      call = requestStream;
      requestStream.disableAutoRequestWithInitial(0);
    }

    void requestAll() {
      call.request(Integer.MAX_VALUE);
    }
  }
}
