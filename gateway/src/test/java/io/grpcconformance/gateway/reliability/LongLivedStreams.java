package io.grpcconformance.gateway.reliability;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bidirectional Greeter streams opened before a series of changes and kept busy through it: each
 * {@link #tick()} sends one message on every stream; {@link #finish} half-closes them and checks
 * that every stream completed OK with one reply per message.
 */
final class LongLivedStreams {
  /** One open stream. */
  private static final class OpenStream {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger received = new AtomicInteger();
    final CompletableFuture<Status> done = new CompletableFuture<>();
    StreamObserver<HelloRequest> requests;
  }

  private final List<OpenStream> streams = new ArrayList<>();

  LongLivedStreams(Channel channel, int count) {
    for (int i = 0; i < count; i++) {
      OpenStream s = new OpenStream();
      s.requests =
          GreeterGrpc.newStub(channel)
              .sayHelloBidiStream(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(HelloReply value) {
                      s.received.incrementAndGet();
                    }

                    @Override
                    public void onError(Throwable t) {
                      s.done.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                      s.done.complete(Status.OK);
                    }
                  });
      streams.add(s);
    }
  }

  /** Sends one message on every stream. */
  void tick() {
    for (OpenStream s : streams) {
      synchronized (s) {
        s.requests.onNext(HelloRequest.newBuilder().setName("tick").build());
        s.sent.incrementAndGet();
      }
    }
  }

  /**
   * Half-closes every stream and waits up to {@code timeout} for each to end; returns one line per
   * stream that failed or lost replies (empty when all completed fully).
   */
  List<String> finish(Duration timeout) throws Exception {
    for (OpenStream s : streams) {
      synchronized (s) {
        s.requests.onCompleted();
      }
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < streams.size(); i++) {
      OpenStream s = streams.get(i);
      Status status = s.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!status.isOk() || s.received.get() != s.sent.get()) {
        problems.add(
            "stream "
                + i
                + ": "
                + status
                + ", "
                + s.received.get()
                + " replies to "
                + s.sent.get()
                + " messages");
      }
    }
    return problems;
  }

  /** Messages sent on all streams. */
  int messages() {
    return streams.stream().mapToInt(s -> s.sent.get()).sum();
  }

  int count() {
    return streams.size();
  }
}
