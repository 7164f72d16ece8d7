package io.grpcconformance.samples.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.HeaderCapture;
import io.grpcconformance.samples.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on a sample service with a certificate for "localhost" issued by a test CA (BouncyCastle).
 */
class TlsTest {

  @TempDir static Path dir;
  private static TestCertificates.Pem pem;
  private static SampleServer server;
  private final Clients clients = new Clients();

  @BeforeAll
  static void start() throws Exception {
    pem = TestCertificates.newAuthority("sample-services-test-ca").issue(dir, "localhost");
    server =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("greeter-tls")
            .tls(pem.cert(), pem.key())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() throws InterruptedException {
    clients.close();
  }

  private ManagedChannel tlsChannel(String authority, String... protocols) throws SSLException {
    var context = GrpcSslContexts.forClient().trustManager(pem.ca().toFile());
    if (protocols.length > 0) {
      context.protocols(protocols);
    }
    SslContext ssl = context.build();
    return clients.track(
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .sslContext(ssl)
            .overrideAuthority(authority));
  }

  @Test
  void servesOverTls13Or12ForTheCertifiedName() throws Exception {
    HeaderCapture capture = new HeaderCapture();
    AtomicReference<SSLSession> session = new AtomicReference<>();
    GreeterGrpc.GreeterBlockingStub stub =
        capture
            .on(GreeterGrpc.newBlockingStub(tlsChannel("localhost")))
            .withInterceptors(new SessionCapture(session))
            .withDeadlineAfter(10, TimeUnit.SECONDS);

    assertThat(stub.sayHello(HelloRequest.newBuilder().setName("tls").build()).getMessage())
        .isEqualTo("Hello tls");
    assertThat(capture.servedBy().name()).isEqualTo("greeter-tls");
    assertThat(capture.servedBy().authority()).isEqualTo("localhost");
    assertThat(session.get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
  }

  @Test
  void acceptsAClientLimitedToTls12() throws Exception {
    AtomicReference<SSLSession> session = new AtomicReference<>();
    GreeterGrpc.GreeterBlockingStub stub =
        GreeterGrpc.newBlockingStub(tlsChannel("localhost", "TLSv1.2"))
            .withInterceptors(new SessionCapture(session))
            .withDeadlineAfter(10, TimeUnit.SECONDS);

    stub.sayHello(HelloRequest.newBuilder().setName("v12").build());

    assertThat(session.get().getProtocol()).isEqualTo("TLSv1.2");
  }

  @Test
  void aNameOutsideTheCertificateFailsTheHandshake() throws Exception {
    GreeterGrpc.GreeterBlockingStub stub =
        GreeterGrpc.newBlockingStub(tlsChannel("wrong.example.com"))
            .withDeadlineAfter(10, TimeUnit.SECONDS);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub.sayHello(HelloRequest.newBuilder().setName("x").build()));

    assertThat(error).isNotNull();
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error).hasRootCauseInstanceOf(CertificateException.class);
    assertThat(causeChainHas(error, SSLException.class)).isTrue();
  }

  @Test
  void aPlaintextClientIsRefused() {
    GreeterGrpc.GreeterBlockingStub stub =
        GreeterGrpc.newBlockingStub(clients.plaintext(server.port()))
            .withDeadlineAfter(10, TimeUnit.SECONDS);

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub.sayHello(HelloRequest.newBuilder().setName("x").build()));

    assertThat(error).isNotNull();
    assertThat(error.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.INTERNAL);
  }

  @Test
  void unusableKeyFilesAreAClearStartupErrorWithoutKeyMaterial() throws Exception {
    Path notAKey =
        Files.writeString(
            dir.resolve("not-a-key.pem"),
            "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(
            () -> SampleServer.builder(SampleServer.Kind.GREETER).tls(pem.cert(), notAKey).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "tls: cannot use certificate " + pem.cert() + " with key " + notAKey)
        .hasMessageNotContaining("c2VjcmV0LWJ5dGVz");
    assertThatThrownBy(
            () ->
                SampleServer.builder(SampleServer.Kind.GREETER)
                    .tls(pem.cert(), dir.resolve("absent.key"))
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tls: cannot read " + dir.resolve("absent.key"));
    assertThatThrownBy(
            () -> SampleServer.builder(SampleServer.Kind.GREETER).tls(pem.cert(), null).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--tls-cert and --tls-key must be given together");
  }

  private static boolean causeChainHas(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Records the TLS session of each call. */
  private static final class SessionCapture implements ClientInterceptor {
    private final AtomicReference<SSLSession> session;

    SessionCapture(AtomicReference<SSLSession> session) {
      this.session = session;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
        MethodDescriptor<ReqT, RespT> method, CallOptions options, Channel next) {
      return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<RespT> listener, Metadata headers) {
          super.start(
              new SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onHeaders(Metadata responseHeaders) {
                  session.set(getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                  super.onHeaders(responseHeaders);
                }
              },
              headers);
        }
      };
    }
  }
}
