package io.grpcconformance.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated certificates work in real TLS: a grpc-java server on loopback presents them and a
 * grpc-java client completes a call (or is refused, when it does not trust the issuer).
 */
class SelfSignedCertificatesTlsTest {
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void clientTrustingTheCaCompletesACall(KeyType keyType) throws Exception {
    CertificateAuthority ca = SelfSignedCertificates.ca("handshake CA");
    IssuedCertificate leaf = ca.issue(CertificateSpec.of("grpc.example.com",
        List.of("grpc.example.com"), Duration.ofHours(1)).withKeyType(keyType));
    start(leaf);

    ChannelCredentials trustCa = TlsChannelCredentials.newBuilder()
        .trustManager(stream(ca.certificatePem())).build();
    assertThat(check(trustCa, "grpc.example.com")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void clientTrustingAnotherCaIsRefused() throws Exception {
    IssuedCertificate leaf = SelfSignedCertificates.ca("real CA")
        .issue("grpc.example.com", List.of("grpc.example.com"), Duration.ofHours(1));
    start(leaf);

    ChannelCredentials trustOther = TlsChannelCredentials.newBuilder()
        .trustManager(stream(SelfSignedCertificates.ca("other CA").certificatePem())).build();
    assertThatThrownBy(() -> check(trustOther, "grpc.example.com"))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void fakeCertificateIsWhatATrustAllClientSees() throws Exception {
    start(FakeCertificate.credentials());
    AtomicReference<X509Certificate> peer = new AtomicReference<>();
    ChannelCredentials trustAll = TlsChannelCredentials.newBuilder()
        .trustManager(new RecordingTrustManager(peer)).build();

    assertThat(check(trustAll, "anything.example.com")).isEqualTo(ServingStatus.SERVING);
    assertThat(peer.get().getSubjectX500Principal().getName())
        .isEqualTo("CN=" + FakeCertificate.COMMON_NAME + ",O=" + FakeCertificate.ORGANIZATION);
  }

  private void start(IssuedCertificate credentials) throws Exception {
    ServerCredentials tls = TlsServerCredentials.newBuilder()
        .keyManager(stream(credentials.chainPem()), stream(credentials.privateKeyPem()))
        .build();
    HealthStatusManager health = new HealthStatusManager();
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), tls)
        .addService(health.getHealthService())
        .build()
        .start();
  }

  private ServingStatus check(ChannelCredentials credentials, String authority) {
    channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), credentials)
        .overrideAuthority(authority)
        .build();
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .check(HealthCheckRequest.getDefaultInstance())
        .getStatus();
  }

  private static ByteArrayInputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Accepts any server certificate, skipping hostname verification too, and remembers it (the
   * "trust-all" client of ingress-netpol.md A.1). Extended, so that no wrapper adds checks.
   */
  private static final class RecordingTrustManager extends X509ExtendedTrustManager {
    private final AtomicReference<X509Certificate> peer;

    RecordingTrustManager(AtomicReference<X509Certificate> peer) {
      this.peer = peer;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      peer.set(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      peer.set(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      peer.set(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
