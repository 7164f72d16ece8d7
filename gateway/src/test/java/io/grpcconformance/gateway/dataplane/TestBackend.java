package io.grpcconformance.gateway.dataplane;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-local Greeter backend on 127.0.0.1 that records what each call received and echoes it in
 * response headers: {@code x-backend} (its name), {@code x-seen-authority}, {@code
 * x-seen-deadline} ("none" or milliseconds left) and {@code x-echo-<name>} for every ASCII request
 * header, and trailer {@code x-backend-trailer}. Also serves {@link #COLLECT}, a client-streaming
 * method. SayHello with name "hang" never answers (deadline and cancellation tests); with name
 * "fail" it fails with FAILED_PRECONDITION. Server streaming sends {@code count} replies
 * of {@code payload.size()} bytes each, respecting flow control.
 */
final class TestBackend implements AutoCloseable {

  /** Client streaming: replies once with the names of all requests joined by ','. */
  static final MethodDescriptor<HelloRequest, HelloReply> COLLECT =
      MethodDescriptor.<HelloRequest, HelloReply>newBuilder()
          .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
          .setFullMethodName("test.Collector/Collect")
          .setRequestMarshaller(ProtoUtils.marshaller(HelloRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(HelloReply.getDefaultInstance()))
          .build();

  /**
   * Client streaming with manual flow control: the backend reads only as many messages as {@link
   * #allowReads} granted, then replies with the count once the client half-closes.
   */
  static final MethodDescriptor<HelloRequest, HelloReply> COLLECT_SLOWLY =
      COLLECT.toBuilder().setFullMethodName("test.Collector/CollectSlowly").build();

  /** What one call received. */
  record Received(String method, String authority, Metadata headers, Long deadlineMillis) {}

  final String name;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger cancellations = new AtomicInteger();
  final AtomicInteger streamed = new AtomicInteger();
  final AtomicBoolean sawNotReady = new AtomicBoolean();
  final AtomicInteger slowlyCollected = new AtomicInteger();
  private volatile ServerCallStreamObserver<HelloReply> slowCollector;
  private final Server server;

  private TestBackend(String name, ServerCertificate tls) throws IOException {
    this.name = name;
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .flowControlWindow(1024 * 1024)
        .addService(ServerInterceptors.intercept(new Greeter(), new Echo()))
        .addService(ServerInterceptors.intercept(collector(), new Echo()));
    if (tls != null) {
      builder.sslContext(GrpcSslContexts.configure(
          SslContextBuilder.forServer(tls.key(), tls.chain())).build());
    }
    this.server = builder.build().start();
  }

  static TestBackend start(String name) throws IOException {
    return new TestBackend(name, null);
  }

  static TestBackend startTls(String name) throws IOException {
    return new TestBackend(name, TestCertificates.serverCertificate("backend.test", ""));
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getPort());
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private ServerServiceDefinition collector() {
    return ServerServiceDefinition.builder("test.Collector")
        .addMethod(COLLECT, ServerCalls.asyncClientStreamingCall(this::collect))
        .addMethod(COLLECT_SLOWLY, ServerCalls.asyncClientStreamingCall(this::collectSlowly))
        .build();
  }

  /** Lets the current CollectSlowly call read {@code messages} more messages. */
  void allowReads(int messages) {
    slowCollector.request(messages);
  }

  boolean collectingSlowly() {
    return slowCollector != null;
  }

  private StreamObserver<HelloRequest> collectSlowly(StreamObserver<HelloReply> reply) {
    ServerCallStreamObserver<HelloReply> observer = (ServerCallStreamObserver<HelloReply>) reply;
    observer.disableAutoRequest();
    observer.setOnCancelHandler(cancellations::incrementAndGet);
    slowCollector = observer;
    return new StreamObserver<HelloRequest>() {
      @Override
      public void onNext(HelloRequest request) {
        slowlyCollected.incrementAndGet();
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        reply.onNext(HelloReply.newBuilder().setIndex(slowlyCollected.get()).build());
        reply.onCompleted();
      }
    };
  }

  private StreamObserver<HelloRequest> collect(StreamObserver<HelloReply> reply) {
    return new StreamObserver<HelloRequest>() {
          private final StringBuilder names = new StringBuilder();

          @Override
          public void onNext(HelloRequest request) {
            names.append(names.length() == 0 ? "" : ",").append(request.getName());
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {
            reply.onNext(HelloReply.newBuilder().setMessage(names + " from " + name).build());
            reply.onCompleted();
          }
        };
  }

  private final class Greeter extends GreeterGrpc.GreeterImplBase {
    @Override
    public void sayHello(HelloRequest request, StreamObserver<HelloReply> reply) {
      if (request.getName().equals("fail")) {
        reply.onError(io.grpc.Status.FAILED_PRECONDITION.withDescription("told to fail " + name)
            .asRuntimeException());
        return;
      }
      if (request.getName().equals("hang")) {
        ((ServerCallStreamObserver<HelloReply>) reply).setOnCancelHandler(
            cancellations::incrementAndGet);
        return;
      }
      reply.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName() + " from "
          + name).setPayloadSize(request.getPayload().size()).build());
      reply.onCompleted();
    }

    @Override
    public void sayHelloStreamReply(HelloRequest request, StreamObserver<HelloReply> reply) {
      ServerCallStreamObserver<HelloReply> observer = (ServerCallStreamObserver<HelloReply>) reply;
      int count = request.getCount() == 0 ? 3 : request.getCount();
      String padding = "x".repeat(request.getPayload().size());
      observer.setOnCancelHandler(cancellations::incrementAndGet);
      AtomicInteger sent = new AtomicInteger();
      AtomicBoolean done = new AtomicBoolean();
      // Flow control as a well-behaved server does it: write only while the transport is ready.
      observer.setOnReadyHandler(() -> {
        while (observer.isReady() && sent.get() < count && !observer.isCancelled()) {
          int index = sent.getAndIncrement();
          observer.onNext(HelloReply.newBuilder().setMessage(padding.isEmpty()
              ? "Hello " + request.getName() + " #" + index : padding).setIndex(index).build());
          streamed.incrementAndGet();
        }
        if (sent.get() >= count && !observer.isCancelled() && done.compareAndSet(false, true)) {
          observer.onCompleted();
        } else if (!observer.isReady()) {
          sawNotReady.set(true);
        }
      });
    }

    @Override
    public StreamObserver<HelloRequest> sayHelloBidiStream(StreamObserver<HelloReply> reply) {
      ((ServerCallStreamObserver<HelloReply>) reply).setOnCancelHandler(
          cancellations::incrementAndGet);
      return new StreamObserver<>() {
        private int index;

        @Override
        public void onNext(HelloRequest request) {
          reply.onNext(HelloReply.newBuilder().setMessage("Hello " + request.getName() + " from "
              + name).setIndex(index++).build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          reply.onCompleted();
        }
      };
    }
  }

  /** Records each call and echoes what it saw in the response headers. */
  private final class Echo implements ServerInterceptor {
    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call,
        Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      Long deadline = Context.current().getDeadline() == null ? null
          : Context.current().getDeadline().timeRemaining(TimeUnit.MILLISECONDS);
      received.add(new Received(call.getMethodDescriptor().getFullMethodName(),
          call.getAuthority(), headers, deadline));
      String encoding = headers.get(PassThroughCompression.ENCODING_KEY);
      if (encoding != null && !encoding.equals("identity")) {
        call.setCompression(encoding); // answer compressed as the request was
      }
      ServerCall<ReqT, RespT> echoing = new SimpleForwardingServerCall<>(call) {
        @Override
        public void sendHeaders(Metadata responseHeaders) {
          responseHeaders.put(ProxyHeaders.ascii("x-backend"), name);
          responseHeaders.put(ProxyHeaders.ascii("x-seen-authority"),
              String.valueOf(call.getAuthority()));
          responseHeaders.put(ProxyHeaders.ascii("x-seen-deadline"),
              deadline == null ? "none" : Long.toString(deadline));
          for (String key : headers.keys()) {
            if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
              responseHeaders.put(ProxyHeaders.ascii("x-echo-" + key),
                  String.join(",", headers.getAll(ProxyHeaders.ascii(key))));
            }
          }
          super.sendHeaders(responseHeaders);
        }

        @Override
        public void close(io.grpc.Status status, Metadata trailers) {
          trailers.put(ProxyHeaders.ascii("x-backend-trailer"), name);
          super.close(status, trailers);
        }
      };
      return Contexts.interceptCall(Context.current(), echoing, headers, next);
    }
  }
}
