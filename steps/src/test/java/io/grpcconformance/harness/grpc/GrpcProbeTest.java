package io.grpcconformance.harness.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.testing.TestBackend;
import io.grpcconformance.harness.tls.Pki;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrpcProbeTest {

  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static TestBackend plain;
  private static TestBackend tls;
  private static final Pki pki = new Pki();
  private final GrpcProbe probe = GrpcProbe.forSamples();

  @BeforeAll
  static void start() throws Exception {
    plain = TestBackend.plaintext("greeter-v1");
    pki.createAuthority("probe-test-ca");
    tls = TestBackend.tls("greeter-tls", pki.issue("probe-test-ca", List.of("foo.example.com")));
  }

  @AfterAll
  static void stop() {
    plain.close();
    tls.close();
  }

  private ProbeRequest sayHello(Dial dial) {
    return new ProbeRequest(
        dial,
        "helloworld.Greeter/SayHello",
        "{\"name\":\"probe\"}",
        Map.of("x-test", List.of("one", "two"), "trace-bin", List.of("AAEC")),
        DEADLINE);
  }

  @Test
  void plaintextCall_reportsStatusBodyBackendAndEchoedRequest() {
    ProbeResult r =
        probe.call(sayHello(Dial.plaintext(Address.loopback(plain.port()), "grpc.example.com")));
    assertThat(r.code()).isEqualTo(Status.Code.OK);
    assertThat(r.responsesJson()).containsExactly("{\"message\":\"Hello probe\"}");
    assertThat(r.servedBy()).isEqualTo("greeter-v1");
    assertThat(r.backend()).isEqualTo("greeter-v1");
    assertThat(r.servedMethod()).isEqualTo("/helloworld.Greeter/SayHello");
    assertThat(r.echoedAuthority()).isEqualTo("grpc.example.com");
    assertThat(r.echoedHeader("X-Test")).containsExactly("one", "two");
    assertThat(r.echoedHeader("trace-bin")).containsExactly("AAEC");
    assertThat(r.tls()).isEmpty();
    assertThat(r.reachedBackend()).isTrue();
  }

  @Test
  void deadline_reachesTheBackendAsGrpcTimeout() {
    ProbeResult r = probe.call(sayHello(Dial.plaintext(Address.loopback(plain.port()), null)));
    assertThat(r.echoedHeader("grpc-timeout")).hasSize(1);
    assertThat(r.echoedHeader("content-type")).containsExactly("application/grpc");
  }

  @Test
  void unknownMethod_isUnimplementedWithoutBackendHeaders() {
    ProbeResult r =
        probe.call(
            new ProbeRequest(
                Dial.plaintext(Address.loopback(plain.port()), null),
                "com.example.Nope/Nothing",
                "{}",
                Map.of(),
                DEADLINE));
    assertThat(r.code()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(r.reachedBackend()).isFalse();
    assertThat(r.echo()).isEmpty();
  }

  @Test
  void tlsWithTrustedCa_reportsSessionFactsAndAlpn() {
    ProbeResult r =
        probe.call(
            sayHello(
                Dial.tls(
                    Address.loopback(tls.port()),
                    "foo.example.com",
                    ClientTls.trusting(pki.caPem("probe-test-ca")))));
    assertThat(r.code()).isEqualTo(Status.Code.OK);
    TlsFacts t = r.tls().orElseThrow();
    assertThat(t.protocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(t.alpn()).isEqualTo("h2");
    assertThat(t.peerCommonName()).isEqualTo("foo.example.com");
    assertThat(t.peerDnsNames()).containsExactly("foo.example.com");
    assertThat(t.peerIssuer()).isEqualTo("CN=probe-test-ca");
  }

  @Test
  void tlsWithWrongHostname_failsUnderStrictTrust_butNotUnderTrustAll() {
    ProbeResult strict =
        probe.call(
            sayHello(
                Dial.tls(
                    Address.loopback(tls.port()),
                    "bar.example.com",
                    ClientTls.trusting(pki.caPem("probe-test-ca")))));
    assertThat(strict.code()).isEqualTo(Status.Code.UNAVAILABLE);
    ProbeResult lax =
        probe.call(
            sayHello(
                Dial.tls(Address.loopback(tls.port()), "bar.example.com", ClientTls.trustAll())));
    assertThat(lax.code()).isEqualTo(Status.Code.OK);
    assertThat(lax.tls().orElseThrow().peerCommonName()).isEqualTo("foo.example.com");
  }

  @Test
  void plaintextToTlsPort_fails() {
    ProbeResult r = probe.call(sayHello(Dial.plaintext(Address.loopback(tls.port()), null)));
    assertThat(r.code()).isNotEqualTo(Status.Code.OK);
  }

  @Test
  void callRepeatedly_sharesOneConnection() {
    List<ProbeResult> all =
        probe.callRepeatedly(sayHello(Dial.plaintext(Address.loopback(plain.port()), null)), 5);
    assertThat(all).hasSize(5).allMatch(r -> r.code() == Status.Code.OK);
  }
}
