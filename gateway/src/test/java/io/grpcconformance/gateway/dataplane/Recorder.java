package io.grpcconformance.gateway.dataplane;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a response stream so tests can await it with Awaitility. */
final class Recorder<T> implements StreamObserver<T> {
  final List<T> values = new CopyOnWriteArrayList<>();
  volatile Throwable error;
  volatile boolean completed;

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

  boolean done() {
    return completed || error != null;
  }

  Status status() {
    return error == null ? Status.OK : Status.fromThrowable(error);
  }
}
