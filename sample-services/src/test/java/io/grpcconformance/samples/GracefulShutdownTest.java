package io.grpcconformance.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.RecordingObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown: NOT_SERVING first, no new calls, in-flight calls finish within the grace
 * period.
 */
class GracefulShutdownTest {

  private static final Duration GRACE = Duration.ofSeconds(10);
  private final Clients clients = new Clients();

  @AfterEach
  void closeClients() throws InterruptedException {
    clients.close();
  }

  @Test
  void anInFlightStreamFinishesAndHealthTurnsNotServing() throws Exception {
    SampleServer server = SampleServer.builder(SampleServer.Kind.GREETER).name("drain").start();
    ManagedChannel channel = clients.plaintext(server.port());
    RecordingObserver<HelloReply> stream = new RecordingObserver<>();
    GreeterGrpc.newStub(channel)
        .sayHelloStreamReply(
            HelloRequest.newBuilder().setName("d").setCount(5).setIntervalMillis(200).build(),
            stream);
    RecordingObserver<HealthCheckResponse> watch = new RecordingObserver<>();
    Context.CancellableContext watchContext = Context.current().withCancellation();
    watchContext.run(
        () -> HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), watch));
    await().until(() -> !stream.values().isEmpty() && !watch.values().isEmpty());

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> server.shutdown(GRACE));

    // Health watchers learn NOT_SERVING while the stream is still draining.
    await()
        .until(
            () ->
                watch.values().stream().anyMatch(r -> r.getStatus() == ServingStatus.NOT_SERVING));
    assertThat(stream.done()).isFalse();
    // The listener is closed: a new connection is refused.
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                GreeterGrpc.newBlockingStub(clients.plaintext(server.port()))
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .sayHello(HelloRequest.newBuilder().setName("late").build()));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

    assertThat(stream.awaitDone().isOk()).isTrue();
    assertThat(stream.values()).extracting(HelloReply::getIndex).containsExactly(0, 1, 2, 3, 4);
    watchContext.cancel(
        null); // the watch would otherwise hold the drain for the whole grace period
    await().atMost(GRACE).until(shutdown::isDone);
    assertThat(server.isTerminated()).isTrue();
  }

  @Test
  void callsStillRunningAfterTheGracePeriodAreCancelled() throws Exception {
    SampleServer server = SampleServer.builder(SampleServer.Kind.GREETER).name("cut").start();
    RecordingObserver<HelloReply> stream = new RecordingObserver<>();
    GreeterGrpc.newStub(clients.plaintext(server.port()))
        .sayHelloStreamReply(
            HelloRequest.newBuilder().setName("c").setCount(10_000).setIntervalMillis(50).build(),
            stream);
    await().until(() -> !stream.values().isEmpty());

    long started = System.nanoTime();
    server.shutdown(Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(server.isTerminated()).isTrue();
    assertThat(took).isLessThan(GRACE);
    assertThat(stream.awaitDone().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
    assertThat(stream.values().size()).isLessThan(10_000);
  }

  @Test
  void closeIsGracefulAndIdempotent() throws Exception {
    SampleServer server = SampleServer.builder(SampleServer.Kind.USER).graceSeconds(1).start();

    server.close();
    server.close();

    assertThat(server.isTerminated()).isTrue();
  }
}
