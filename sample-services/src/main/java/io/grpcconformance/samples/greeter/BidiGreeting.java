package io.grpcconformance.samples.greeter;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@code SayHelloBidiStream} call: answers each request in order, and reads the next request
 * only when the reply could be handed to a ready transport, so a client that sends but does not
 * read gets backpressure instead of an ever-growing server buffer.
 */
final class BidiGreeting implements StreamObserver<HelloRequest> {

  private final ServerCallStreamObserver<HelloReply> observer;
  private final LongAdder repliesSent;
  // All callbacks of one call (onNext, onCompleted, onReady) run serialized on the call's
  // executor, so these fields need no lock.
  private int index;
  private boolean waitingForReady;

  BidiGreeting(ServerCallStreamObserver<HelloReply> observer, LongAdder repliesSent) {
    this.observer = observer;
    this.repliesSent = repliesSent;
    // Manual inbound flow control: ask for one request at a time.
    observer.disableAutoRequest();
    observer.setOnReadyHandler(this::onReady);
    // With a cancel handler set, onNext after a client cancel is dropped instead of throwing.
    observer.setOnCancelHandler(() -> {});
    observer.request(1);
  }

  @Override
  public void onNext(HelloRequest request) {
    observer.onNext(GreeterService.reply(request, index++));
    repliesSent.increment();
    if (observer.isReady()) {
      observer.request(1);
    } else {
      waitingForReady = true;
    }
  }

  private void onReady() {
    if (waitingForReady) {
      waitingForReady = false;
      observer.request(1);
    }
  }

  @Override
  public void onError(Throwable t) {
    // The client cancelled or the call failed; there is nobody left to answer.
  }

  @Override
  public void onCompleted() {
    observer.onCompleted();
  }
}
