package io.grpcconformance.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpcconformance.gateway.routing.ServerCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificatesTest {

  @Test
  void caIssuesLeavesItSigned() throws Exception {
    CertificateAuthority ca = SelfSignedCertificates.ca("test CA");
    IssuedCertificate leaf = ca.issue("foo.example.com",
        List.of("foo.example.com", "*.foo.example.com", "127.0.0.1"), Duration.ofDays(2));
    X509Certificate cert = leaf.certificate();

    cert.verify(ca.certificate().getPublicKey());
    assertThatThrownBy(() -> cert.verify(leaf.certificate().getPublicKey()))
        .isInstanceOf(SignatureException.class);
    assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(leaf.subject()).isEqualTo("CN=foo.example.com");
    assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(ca.certificate().getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
    assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(cert.getSubjectAlternativeNames()).extracting(l -> String.valueOf(l.get(1)))
        .containsExactly("foo.example.com", "*.foo.example.com", "127.0.0.1");
    assertThat(cert.getNotAfter().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofDays(2)), within(Duration.ofMinutes(1)));
    assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now());
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(leaf.chain()).containsExactly(cert, ca.certificate());
    assertThat(PemCertificates.covers(cert, "a.foo.example.com")).isTrue();
  }

  @Test
  void selfSignedWithSpec() throws Exception {
    Instant notBefore = Instant.parse("2000-01-01T00:00:00Z");
    Instant notAfter = Instant.parse("2001-01-01T00:00:00Z");
    IssuedCertificate issued = SelfSignedCertificates.selfSigned(
        new CertificateSpec("old", "Acme Co", List.of("old.example"), notBefore, notAfter,
            KeyType.RSA_2048));
    X509Certificate cert = issued.certificate();

    cert.verify(cert.getPublicKey());
    assertThat(issued.subject()).isEqualTo("CN=old,O=Acme Co");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(notBefore);
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(notAfter);
    assertThat(issued.issuers()).isEmpty();
    assertThatThrownBy(() -> new CertificateSpec("x", "", List.of(), notAfter, notBefore,
        KeyType.EC_P256)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before notBefore");
  }

  @Test
  void pemRoundTripsThroughPemCertificatesAndSecrets() throws Exception {
    CertificateAuthority ca = SelfSignedCertificates.ca("round trip CA");
    IssuedCertificate leaf = ca.issue("rt.example.com", List.of("rt.example.com"),
        Duration.ofHours(1));
    ServerCertificate fromPem = PemCertificates.fromPem(leaf.chainPem(), leaf.privateKeyPem(),
        "rt.example.com", "pem", Instant.now());
    assertThat(fromPem.chain()).containsExactly(leaf.certificate(), ca.certificate());

    ServerCertificate fromSecret = PemCertificates.fromSecret(leaf.toTlsSecret("ns", "rt"),
        "rt.example.com", Instant.now());
    assertThat(fromSecret.key().getEncoded()).isEqualTo(leaf.privateKey().getEncoded());
    assertThat(leaf.toServerCertificate("rt.example.com", "test").chain())
        .isEqualTo(fromSecret.chain());
  }

  @Test
  void writesPemFilesWithAPrivateKeyFile(@TempDir Path dir) throws Exception {
    IssuedCertificate leaf = SelfSignedCertificates.selfSigned("files", List.of("files"),
        Duration.ofHours(1));
    IssuedCertificate.Files files = leaf.writeTo(dir.resolve("tls"), "server");

    assertThat(files.certificateChain()).hasFileName("server.crt").hasContent(leaf.chainPem());
    assertThat(files.privateKey()).hasFileName("server.key").hasContent(leaf.privateKeyPem());
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())))
          .isEqualTo("rw-------");
    }
    leaf.writeTo(dir.resolve("tls"), "server"); // overwriting works
  }

  @Test
  void toStringNeverShowsTheKey() {
    IssuedCertificate leaf = SelfSignedCertificates.selfSigned(
        CertificateSpec.of("secretive", List.of(), Duration.ofHours(1))
            .withKeyType(KeyType.RSA_2048));
    String body = leaf.privateKeyPem().lines().skip(1).findFirst().orElseThrow();
    assertThat(leaf.toString()).contains("CN=secretive").doesNotContain(body)
        .doesNotContain("modulus").doesNotContain("exponent");
    assertThat(leaf.toServerCertificate("", "s").toString()).doesNotContain(body);
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(),
        ChronoUnit.SECONDS);
  }
}
