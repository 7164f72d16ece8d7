package io.grpcconformance.samples.greeter;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code helloworld.Greeter} service: unary {@code SayHello}, server-streaming {@code
 * SayHelloStreamReply} and bidirectional {@code SayHelloBidiStream}, all replying {@code Hello
 * <name>} and all honouring flow control and cancellation.
 */
public final class GreeterService extends GreeterGrpc.GreeterImplBase {

  /** Replies sent by {@code SayHelloStreamReply} when the request's count is 0. */
  public static final int DEFAULT_STREAM_COUNT = 3;

  /** Upper bound of a request's count. */
  public static final int MAX_STREAM_COUNT = 1_000_000;

  /** Upper bound of a request's interval_millis (one minute). */
  public static final int MAX_INTERVAL_MILLIS = 60_000;

  private final ScheduledExecutorService scheduler;
  private final LongAdder repliesSent = new LongAdder();

  /** A Greeter whose streaming replies are timed on {@code scheduler}; gRPC threads never sleep. */
  public GreeterService(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void sayHello(HelloRequest request, StreamObserver<HelloReply> responseObserver) {
    responseObserver.onNext(reply(request, 0));
    repliesSent.increment();
    responseObserver.onCompleted();
  }

  @Override
  public void sayHelloStreamReply(
      HelloRequest request, StreamObserver<HelloReply> responseObserver) {
    ServerCallStreamObserver<HelloReply> observer =
        (ServerCallStreamObserver<HelloReply>) responseObserver;
    if (request.getCount() < 0 || request.getCount() > MAX_STREAM_COUNT) {
      observer.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "count must be in 0.." + MAX_STREAM_COUNT + ", got " + request.getCount())
              .asRuntimeException());
      return;
    }
    if (request.getIntervalMillis() < 0 || request.getIntervalMillis() > MAX_INTERVAL_MILLIS) {
      observer.onError(
          Status.INVALID_ARGUMENT
              .withDescription(
                  "interval_millis must be in 0.."
                      + MAX_INTERVAL_MILLIS
                      + ", got "
                      + request.getIntervalMillis())
              .asRuntimeException());
      return;
    }
    int count = request.getCount() == 0 ? DEFAULT_STREAM_COUNT : request.getCount();
    new StreamReplySender(observer, scheduler, request, count, repliesSent).start();
  }

  @Override
  public StreamObserver<HelloRequest> sayHelloBidiStream(
      StreamObserver<HelloReply> responseObserver) {
    return new BidiGreeting((ServerCallStreamObserver<HelloReply>) responseObserver, repliesSent);
  }

  /** Replies sent so far by all methods (a test hook for flow-control assertions). */
  long repliesSent() {
    return repliesSent.sum();
  }

  static HelloReply reply(HelloRequest request, int index) {
    return HelloReply.newBuilder()
        .setMessage("Hello " + request.getName())
        .setIndex(index)
        .setPayloadSize(request.getPayload().size())
        .build();
  }
}
