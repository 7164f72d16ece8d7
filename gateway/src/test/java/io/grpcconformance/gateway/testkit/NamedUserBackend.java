package io.grpcconformance.gateway.testkit;

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
import io.grpcconformance.samples.proto.user.DeleteUserReply;
import io.grpcconformance.samples.proto.user.DeleteUserRequest;
import io.grpcconformance.samples.proto.user.GetUserRequest;
import io.grpcconformance.samples.proto.user.LoginReply;
import io.grpcconformance.samples.proto.user.LoginRequest;
import io.grpcconformance.samples.proto.user.UserGrpc;
import io.grpcconformance.samples.proto.user.UserRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A com.example.User backend on 127.0.0.1 that names itself in the {@code x-backend-name}
 * response header, so a test sees which Service a call reached. Stands in for the sample
 * services' {@code SampleServer} until that is merged (switching is a one-line change).
 */
public final class NamedUserBackend implements AutoCloseable {
  /** Response header naming the backend that served the call. */
  public static final Metadata.Key<String> BACKEND_NAME =
      Metadata.Key.of("x-backend-name", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;

  private NamedUserBackend(Server server) {
    this.server = server;
  }

  /** Starts a cleartext (h2c) backend called {@code name}, with server reflection when asked. */
  public static NamedUserBackend start(String name, boolean reflection) throws IOException {
    return start(name, reflection, null);
  }

  /** Starts a backend that terminates TLS with {@code certificate} (when not null). */
  public static NamedUserBackend start(
      String name, boolean reflection, SelfSignedCertificate certificate) throws IOException {
    NettyServerBuilder builder = NettyServerBuilder
        .forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new UserService(name), new NameHeader(name)));
    if (certificate != null) {
      byte[] chain = certificate.certificatePem().getBytes(StandardCharsets.US_ASCII);
      byte[] key = certificate.keyPem().getBytes(StandardCharsets.US_ASCII);
      builder.sslContext(GrpcSslContexts.forServer(
          new ByteArrayInputStream(chain), new ByteArrayInputStream(key)).build());
    }
    if (reflection) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
    }
    return new NamedUserBackend(builder.build().start());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    try {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class UserService extends UserGrpc.UserImplBase {
    private final String name;

    UserService(String name) {
      this.name = name;
    }

    @Override
    public void login(LoginRequest request, StreamObserver<LoginReply> reply) {
      reply.onNext(LoginReply.newBuilder().setUsername(request.getUsername()).setRole(name)
          .build());
      reply.onCompleted();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<UserRecord> reply) {
      reply.onNext(UserRecord.newBuilder().setUsername(request.getUsername()).setRole(name)
          .build());
      reply.onCompleted();
    }

    @Override
    public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserReply> reply) {
      reply.onNext(DeleteUserReply.newBuilder().setUsername(request.getUsername()).build());
      reply.onCompleted();
    }
  }

  private static final class NameHeader implements ServerInterceptor {
    private final String name;

    NameHeader(String name) {
      this.name = name;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      return next.startCall(new SimpleForwardingServerCall<>(call) {
        @Override
        public void sendHeaders(Metadata responseHeaders) {
          responseHeaders.put(BACKEND_NAME, name);
          super.sendHeaders(responseHeaders);
        }
      }, headers);
    }
  }
}
