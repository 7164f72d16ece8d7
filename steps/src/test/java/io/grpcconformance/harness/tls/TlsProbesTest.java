package io.grpcconformance.harness.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.testing.TestBackend;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsProbesTest {

  private static TestBackend backend;
  private static final Pki pki = new Pki();

  @BeforeAll
  static void start() throws Exception {
    pki.createAuthority("tls-test-ca");
    backend = TestBackend.tls("tls", pki.issue("tls-test-ca", List.of("a.example.com")));
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private final TlsHandshakeProbe handshakes = new TlsHandshakeProbe(Duration.ofSeconds(5));

  @Test
  void handshake_reportsProtocolAlpnAndCertificate() {
    HandshakeResult r =
        handshakes.handshake(
            Address.loopback(backend.port()),
            Optional.of("a.example.com"),
            Optional.of(pki.caPem("tls-test-ca")),
            List.of("h2"));
    assertThat(r.succeeded()).as(r.failure()).isTrue();
    assertThat(r.factsOrFail().alpn()).isEqualTo("h2");
    assertThat(r.factsOrFail().peerSubject()).isEqualTo("CN=a.example.com");
    assertThat(r.factsOrFail().protocol()).isIn("TLSv1.3", "TLSv1.2");
  }

  @Test
  void handshake_withStrictTrustFailsOnAnotherName() {
    HandshakeResult r =
        handshakes.handshake(
            Address.loopback(backend.port()),
            Optional.of("b.example.com"),
            Optional.of(pki.caPem("tls-test-ca")),
            List.of("h2"));
    assertThat(r.succeeded()).isFalse();
    assertThat(r.failure()).contains("SSLHandshakeException");
  }

  @Test
  void legacyHello_isRefusedByAServerThatOnlySpeaksTls12And13() {
    LegacyTlsProbe.Outcome o =
        new LegacyTlsProbe(Duration.ofSeconds(5))
            .offer(Address.loopback(backend.port()), "a.example.com", LegacyTlsProbe.TLS_1_1);
    assertThat(o.refused()).as(o.toString()).isTrue();
  }

  @Test
  void legacyHello_recognisesAServerHello() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> hello =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = server.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  byte[] header = in.readNBytes(5);
                  byte[] body = in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
                  // record: handshake, TLS 1.1; ServerHello(2), length, server_version 0x0302
                  s.getOutputStream().write(new byte[] {22, 3, 2, 0, 6, 2, 0, 0, 2, 3, 2});
                  s.getOutputStream().flush();
                  return body;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      LegacyTlsProbe.Outcome o =
          new LegacyTlsProbe(Duration.ofSeconds(5))
              .offer(
                  Address.loopback(server.getLocalPort()), "x.example.com", LegacyTlsProbe.TLS_1_1);
      assertThat(o.verdict()).isEqualTo(LegacyTlsProbe.Verdict.ACCEPTED);
      assertThat(o.detail()).isEqualTo("0x0302");
      byte[] body = hello.get();
      assertThat(body[0]).isEqualTo((byte) 1); // ClientHello
      assertThat(new byte[] {body[4], body[5]}).containsExactly(3, 2); // client_version TLS 1.1
      assertThat(new String(body, java.nio.charset.StandardCharsets.US_ASCII))
          .contains("x.example.com");
    }
  }
}
