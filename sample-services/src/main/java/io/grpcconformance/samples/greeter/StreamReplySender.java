package io.grpcconformance.samples.greeter;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends the replies of one {@code SayHelloStreamReply} call: one reply per tick on a scheduler,
 * {@code interval_millis} apart, pausing while the transport is not ready (a slow consumer never
 * makes the server buffer more than the flow-control window) and stopping on cancellation.
 */
final class StreamReplySender {

  private final ServerCallStreamObserver<HelloReply> observer;
  private final ScheduledExecutorService scheduler;
  private final HelloRequest request;
  private final int count;
  private final long intervalMillis;
  private final LongAdder repliesSent;

  // Threading: ticks run on the scheduler, the ready and cancel handlers on the call's serialized
  // executor. The observer is not thread-safe, so every touch of it and of this state holds `this`.
  private int next;
  private boolean waitingForReady;
  private boolean finished;
  private ScheduledFuture<?> pending;

  StreamReplySender(
      ServerCallStreamObserver<HelloReply> observer,
      ScheduledExecutorService scheduler,
      HelloRequest request,
      int count,
      LongAdder repliesSent) {
    this.observer = observer;
    this.scheduler = scheduler;
    this.request = request;
    this.count = count;
    this.intervalMillis = request.getIntervalMillis();
    this.repliesSent = repliesSent;
  }

  /** Installs the handlers (they must be set before the service method returns) and starts. */
  void start() {
    observer.setOnCancelHandler(this::onCancel);
    observer.setOnReadyHandler(this::onReady);
    synchronized (this) {
      schedule(0);
    }
  }

  private synchronized void tick() {
    pending = null;
    if (finished) {
      return;
    }
    if (observer.isCancelled()) {
      finished = true;
      return;
    }
    if (!observer.isReady()) {
      // onReady fires after isReady turns true; it needs this lock, so it cannot slip in between
      // the check above and this flag.
      waitingForReady = true;
      return;
    }
    observer.onNext(GreeterService.reply(request, next));
    repliesSent.increment();
    next++;
    if (next == count) {
      finished = true;
      observer.onCompleted();
      return;
    }
    schedule(intervalMillis);
  }

  private synchronized void onReady() {
    if (waitingForReady && !finished) {
      waitingForReady = false;
      schedule(0);
    }
  }

  private synchronized void onCancel() {
    finished = true;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private void schedule(long delayMillis) {
    try {
      pending = scheduler.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The server is being torn down (after the grace period); the call is cancelled with it.
      finished = true;
    }
  }
}
