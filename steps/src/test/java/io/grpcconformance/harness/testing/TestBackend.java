package io.grpcconformance.harness.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.proto.echo.Header;
import io.grpcconformance.samples.proto.echo.RequestEcho;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A minimal Greeter for harness unit tests: it answers like the sample services (x-served-* and
 * x-request-echo-bin headers), registers reflection v1 and serves h2c or TLS on 127.0.0.1:0.
 */
public final class TestBackend implements AutoCloseable {

  private static final Metadata.Key<byte[]> ECHO =
      Metadata.Key.of("x-request-echo-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private final Server server;

  private TestBackend(Server server) {
    this.server = server;
  }

  /** An h2c backend named {@code name}. */
  public static TestBackend plaintext(String name) throws IOException {
    return start(name, null);
  }

  /** A TLS backend named {@code name} serving {@code cert}. */
  public static TestBackend tls(String name, io.grpcconformance.harness.env.TlsMaterial cert)
      throws IOException {
    return start(name, cert);
  }

  private static TestBackend start(String name, io.grpcconformance.harness.env.TlsMaterial cert)
      throws IOException {
    NettyServerBuilder b =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(new Greeter(), new Echo(name)))
            .addService(ProtoReflectionServiceV1.newInstance());
    if (cert != null) {
      b.sslContext(
          GrpcSslContexts.forServer(
                  new ByteArrayInputStream(
                      cert.certificateChainPem().getBytes(StandardCharsets.US_ASCII)),
                  new ByteArrayInputStream(
                      cert.privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
              .protocols("TLSv1.3", "TLSv1.2")
              .build());
    }
    return new TestBackend(b.build().start());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private static final class Greeter extends GreeterGrpc.GreeterImplBase {
    @Override
    public void sayHello(HelloRequest req, StreamObserver<HelloReply> out) {
      out.onNext(HelloReply.newBuilder().setMessage("Hello " + req.getName()).build());
      out.onCompleted();
    }

    @Override
    public void sayHelloStreamReply(HelloRequest req, StreamObserver<HelloReply> out) {
      int n = req.getCount() == 0 ? 3 : req.getCount();
      for (int i = 0; i < n; i++) {
        out.onNext(
            HelloReply.newBuilder().setMessage("Hello " + req.getName()).setIndex(i).build());
      }
      out.onCompleted();
    }

    @Override
    public StreamObserver<HelloRequest> sayHelloBidiStream(StreamObserver<HelloReply> out) {
      return new StreamObserver<>() {
        int i;

        @Override
        public void onNext(HelloRequest r) {
          out.onNext(
              HelloReply.newBuilder().setMessage("Hello " + r.getName()).setIndex(i++).build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }

  /** Adds the sample services' identity and echo headers. */
  private static final class Echo implements ServerInterceptor {
    private final String name;

    Echo(String name) {
      this.name = name;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      RequestEcho.Builder echo =
          RequestEcho.newBuilder()
              .setMethod("/" + call.getMethodDescriptor().getFullMethodName())
              .setAuthority(String.valueOf(call.getAuthority()))
              .setServedBy(name)
              .setPod(name + "-0-0")
              .setNamespace("test");
      for (String k : headers.keys()) {
        if (k.endsWith("-bin")) {
          for (byte[] v : headers.getAll(Metadata.Key.of(k, Metadata.BINARY_BYTE_MARSHALLER))) {
            echo.addHeaders(
                Header.newBuilder().setName(k).setValue(Base64.getEncoder().encodeToString(v)));
          }
        } else {
          for (String v : headers.getAll(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER))) {
            echo.addHeaders(Header.newBuilder().setName(k).setValue(v));
          }
        }
      }
      return next.startCall(
          new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata h) {
              h.put(Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER), name);
              h.put(
                  Metadata.Key.of("x-served-pod", Metadata.ASCII_STRING_MARSHALLER), name + "-0-0");
              h.put(
                  Metadata.Key.of("x-served-namespace", Metadata.ASCII_STRING_MARSHALLER), "test");
              h.put(
                  Metadata.Key.of("x-served-method", Metadata.ASCII_STRING_MARSHALLER),
                  "/" + call.getMethodDescriptor().getFullMethodName());
              h.put(ECHO, echo.build().toByteArray());
              super.sendHeaders(h);
            }
          },
          headers);
    }
  }
}
