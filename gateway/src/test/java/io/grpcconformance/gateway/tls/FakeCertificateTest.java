package io.grpcconformance.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.gateway.routing.ServerCertificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeCertificateTest {

  @Test
  void looksLikeIngressNginxsFakeCertificate() throws Exception {
    ServerCertificate fake = FakeCertificate.get();
    X509Certificate cert = fake.chain().get(0);

    assertThat(cert.getSubjectX500Principal().getName())
        .isEqualTo("CN=Kubernetes Ingress Controller Fake Certificate,O=Acme Co");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    cert.verify(cert.getPublicKey());
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "ingress.local"));
    assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isEqualTo(FakeCertificate.VALIDITY);
    assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now());
    assertThat(fake.hostname()).isEmpty();
    assertThat(fake.source()).isEqualTo(FakeCertificate.SOURCE);
    PemCertificates.requireMatchingKey(cert, fake.key(), "fake");
    PemCertificates.requireValidAt(cert, Instant.now(), "fake");
    assertThat(PemCertificates.covers(cert, "ingress.local")).isTrue();
    assertThat(PemCertificates.covers(cert, "grpc.example.com")).isFalse();
  }

  @Test
  void isGeneratedOncePerJvm() {
    assertThat(FakeCertificate.get()).isSameAs(FakeCertificate.get());
    assertThat(FakeCertificate.credentials().certificate())
        .isSameAs(FakeCertificate.get().chain().get(0));
    assertThat(FakeCertificate.generate(Instant.now()).certificate())
        .isNotEqualTo(FakeCertificate.get().chain().get(0));
  }
}
