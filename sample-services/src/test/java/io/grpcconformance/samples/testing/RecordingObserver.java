package io.grpcconformance.samples.testing;

import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A response observer that records messages and the outcome, for streaming-call tests. */
public class RecordingObserver<T> implements StreamObserver<T> {

  /** How long a test waits for a stream to finish. */
  public static final Duration STREAM_TIMEOUT = Duration.ofSeconds(20);

  private final List<T> values = new CopyOnWriteArrayList<>();
  private volatile Throwable error;
  private volatile boolean completed;

  @Override
  public void onNext(T value) {
    values.add(value);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
  }

  @Override
  public void onCompleted() {
    completed = true;
  }

  /** Messages received so far. */
  public List<T> values() {
    return List.copyOf(values);
  }

  /** Whether the call ended, successfully or not. */
  public boolean done() {
    return completed || error != null;
  }

  /** The call's final status (OK when completed). */
  public Status status() {
    return completed ? Status.OK : Status.fromThrowable(error);
  }

  /** The error, if any. */
  public Throwable error() {
    return error;
  }

  /** Waits until the call ends and returns its status. */
  public Status awaitDone() {
    await().atMost(STREAM_TIMEOUT).until(this::done);
    return status();
  }
}
