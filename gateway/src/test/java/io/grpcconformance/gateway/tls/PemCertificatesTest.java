package io.grpcconformance.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.tls.IssuedCertificate.KeyFormat;
import java.io.StringWriter;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemCertificatesTest {
  private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2100-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final CertificateAuthority CA = SelfSignedCertificates.ca(
      new CertificateSpec("pem test CA", "", List.of(), NOT_BEFORE, NOT_AFTER, KeyType.EC_P256));
  private static final IssuedCertificate RSA = issue("rsa.example.com", KeyType.RSA_2048);
  private static final IssuedCertificate EC = issue("ec.example.com", KeyType.EC_P256);
  /** Base64 runs this long only occur in PEM/DER material, never in our messages. */
  private static final String KEY_MATERIAL = "[A-Za-z0-9+/=]{24,}";

  private static IssuedCertificate issue(String host, KeyType type) {
    return CA.issue(new CertificateSpec(host, "", List.of(host), NOT_BEFORE, NOT_AFTER, type));
  }

  @ParameterizedTest
  @EnumSource(KeyFormat.class)
  void readsRsaKeysInPkcs8AndPkcs1(KeyFormat format) throws Exception {
    String keyPem = RSA.privateKeyPem(format);
    assertThat(keyPem).startsWith(format == KeyFormat.PKCS8
        ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN RSA PRIVATE KEY-----");

    ServerCertificate certificate =
        PemCertificates.fromPem(RSA.chainPem(), keyPem, "rsa.example.com", "test", NOW);

    assertThat(certificate.key().getEncoded()).isEqualTo(RSA.privateKey().getEncoded());
    assertThat(certificate.chain()).containsExactly(RSA.certificate(), CA.certificate());
    assertThat(certificate.hostname()).isEqualTo("rsa.example.com");
    assertThat(certificate.source()).isEqualTo("test");
  }

  @ParameterizedTest
  @EnumSource(KeyFormat.class)
  void readsEcKeysInPkcs8AndSec1(KeyFormat format) throws Exception {
    String keyPem = EC.privateKeyPem(format);
    assertThat(keyPem).startsWith(format == KeyFormat.PKCS8
        ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----");

    ServerCertificate certificate =
        PemCertificates.fromPem(EC.chainPem(), keyPem, "", "test", NOW);

    // SEC1 carries the public key too, so compare the private scalar, not the encoding.
    assertThat(((ECPrivateKey) certificate.key()).getS())
        .isEqualTo(((ECPrivateKey) EC.privateKey()).getS());
  }

  @Test
  void ignoresAnEcParametersBlockBeforeTheKey() throws Exception {
    String openssl = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        + EC.privateKeyPem(KeyFormat.TRADITIONAL);
    assertThat(PemCertificates.parsePrivateKey(openssl, "key").getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void refusesAKeyOfAnotherCertificate() {
    IssuedCertificate otherRsa = issue("other.example.com", KeyType.RSA_2048);
    assertProblem(() -> PemCertificates.parse(RSA.chainPem(), otherRsa.privateKeyPem(), "", "src"),
        "src: the private key does not match the certificate (CN=rsa.example.com");
    IssuedCertificate otherEc = issue("other.example.com", KeyType.EC_P256);
    assertProblem(() -> PemCertificates.parse(EC.chainPem(), otherEc.privateKeyPem(), "", "src"),
        "does not match");
    assertProblem(() -> PemCertificates.parse(EC.chainPem(), RSA.privateKeyPem(), "", "src"),
        "(key is RSA, certificate is EC)");
  }

  @Test
  void refusesTheCaKeyWhenTheLeafIsFirst() {
    // The key must belong to the first certificate of the chain (nginx, Go X509KeyPair).
    assertProblem(() -> PemCertificates.parse(EC.chainPem(), CA.credentials().privateKeyPem(),
        "", "src"), "does not match");
  }

  @Test
  void checksTheValidityPeriod() {
    IssuedCertificate expired = CA.issue(new CertificateSpec("old.example.com", "",
        List.of("old.example.com"), NOT_BEFORE, Instant.parse("2021-01-01T00:00:00Z"),
        KeyType.EC_P256));
    assertProblem(() -> PemCertificates.fromPem(expired.chainPem(), expired.privateKeyPem(), "",
        "src", NOW), "src: certificate (CN=old.example.com, DNS SANs [old.example.com]) expired"
        + " at 2021-01-01T00:00:00Z");
    assertProblem(() -> PemCertificates.fromPem(EC.chainPem(), EC.privateKeyPem(), "", "src",
        Instant.parse("2019-01-01T00:00:00Z")), "is not valid before 2020-01-01T00:00:00Z");
  }

  @Test
  void checksValidityAtTheGivenInstantNotTheSystemClock() throws Exception {
    IssuedCertificate expired = CA.issue(new CertificateSpec("old.example.com", "",
        List.of("old.example.com"), NOT_BEFORE, Instant.parse("2021-01-01T00:00:00Z"),
        KeyType.EC_P256));
    ServerCertificate certificate = PemCertificates.fromPem(expired.chainPem(),
        expired.privateKeyPem(), "", "src", Instant.parse("2020-06-01T00:00:00Z"));
    assertThat(certificate.chain()).containsExactly(expired.certificate(), CA.certificate());
  }

  @Test
  void refusesEncryptedKeys() throws Exception {
    StringWriter pkcs8 = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pkcs8)) {
      writer.writeObject(new JcaPKCS8Generator(EC.privateKey(),
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
              .setProvider(new BouncyCastleProvider()).setPassword("pw".toCharArray()).build()));
    }
    assertThat(pkcs8.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertProblem(() -> PemCertificates.parsePrivateKey(pkcs8.toString(), "tls.key"),
        "tls.key: the private key is encrypted; store it unencrypted");

    StringWriter legacy = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(legacy)) {
      writer.writeObject(new JcaMiscPEMGenerator(RSA.privateKey(),
          new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
              .build("pw".toCharArray())));
    }
    assertThat(legacy.toString()).contains("Proc-Type: 4,ENCRYPTED");
    assertProblem(() -> PemCertificates.parsePrivateKey(legacy.toString(), "tls.key"),
        "the private key is encrypted");
  }

  @Test
  void explainsGarbage() {
    assertProblem(() -> PemCertificates.parseCertificates("hello", "tls.crt"),
        "tls.crt: not PEM (no -----BEGIN line found)");
    assertProblem(() -> PemCertificates.parseCertificates("  ", "tls.crt"), "tls.crt: is empty");
    assertProblem(() -> PemCertificates.parseCertificates(
        "-----BEGIN CERTIFICATE-----\n!!!notbase64!!!\n-----END CERTIFICATE-----\n", "tls.crt"),
        "tls.crt: malformed PEM");
    // Valid base64 that is no DER certificate; the message must not quote the block.
    String notDer = "-----BEGIN CERTIFICATE-----\nc2VjcmV0LXN0dWZm\n-----END CERTIFICATE-----\n";
    assertThatThrownBy(() -> PemCertificates.parseCertificates(notDer, "tls.crt"))
        .isInstanceOf(CertificateProblem.class)
        .hasMessageStartingWith("tls.crt: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0"));
    assertProblem(() -> PemCertificates.parseCertificates(EC.privateKeyPem(), "tls.crt"),
        "tls.crt: no PEM CERTIFICATE block found");
    assertProblem(() -> PemCertificates.parsePrivateKey("just text", "tls.key"),
        "tls.key: not PEM (no -----BEGIN line found)");
    assertProblem(() -> PemCertificates.parsePrivateKey(EC.chainPem(), "tls.key"),
        "tls.key: no PEM private key block found");
    assertProblem(() -> PemCertificates.parsePrivateKey(
        EC.privateKeyPem() + RSA.privateKeyPem(), "tls.key"), "more than one private key");
    String truncated = RSA.privateKeyPem().substring(0, 200) + "\n-----END PRIVATE KEY-----\n";
    assertProblem(() -> PemCertificates.parsePrivateKey(truncated, "tls.key"), "tls.key: ");
  }

  @Test
  void neverQuotesACorruptedKey() {
    String keyPem = RSA.privateKeyPem(KeyFormat.TRADITIONAL);
    String someKeyLine = keyPem.lines().skip(3).findFirst().orElseThrow();
    String corrupted = keyPem.replace(someKeyLine, someKeyLine.substring(5));
    assertProblem(() -> PemCertificates.parsePrivateKey(corrupted, "Secret ns/tls tls.key"),
        "Secret ns/tls tls.key: ");
    assertThatThrownBy(() -> PemCertificates.parsePrivateKey(corrupted, "Secret ns/tls tls.key"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(someKeyLine.substring(5, 20)));
  }

  @Test
  void readsSecrets() throws Exception {
    Secret secret = EC.toTlsSecret("apps", "ec-tls");
    ServerCertificate certificate = PemCertificates.fromSecret(secret, "ec.example.com", NOW);
    assertThat(certificate.source()).isEqualTo("Secret apps/ec-tls");
    assertThat(certificate.hostname()).isEqualTo("ec.example.com");

    Secret opaque = new SecretBuilder(secret).withType("Opaque").build();
    assertProblem(() -> PemCertificates.fromSecret(opaque, "", NOW),
        "Secret apps/ec-tls: type is \"Opaque\", not kubernetes.io/tls");
    assertThat(PemCertificates.fromSecretData(opaque, "").chain()).hasSize(2);

    Secret manifest = new SecretBuilder().withNewMetadata().withName("plain").endMetadata()
        .withStringData(Map.of("tls.crt", EC.chainPem(), "tls.key", EC.privateKeyPem()))
        .withType("kubernetes.io/tls").build();
    assertThat(PemCertificates.fromSecret(manifest, "", NOW).source())
        .isEqualTo("Secret default/plain");

    Secret noKey = new SecretBuilder(secret).withData(Map.of("tls.crt",
        secret.getData().get("tls.crt"))).build();
    assertProblem(() -> PemCertificates.fromSecret(noKey, "", NOW),
        "Secret apps/ec-tls: has no tls.key");
    Secret badBase64 = new SecretBuilder(secret).addToData("tls.key", "%%%").build();
    assertProblem(() -> PemCertificates.fromSecret(badBase64, "", NOW),
        "Secret apps/ec-tls: data[tls.key] is not valid base64");
  }

  @Test
  void coversHostnamesAsRfc6125() {
    X509Certificate multi = CA.issue(new CertificateSpec("ignored-cn.example.com", "",
        List.of("exact.example.com", "*.wild.example.com", "127.0.0.1"), NOT_BEFORE, NOT_AFTER,
        KeyType.EC_P256)).certificate();

    assertThat(PemCertificates.covers(multi, "exact.example.com")).isTrue();
    assertThat(PemCertificates.covers(multi, "EXACT.Example.com.")).isTrue();
    assertThat(PemCertificates.covers(multi, "a.wild.example.com")).isTrue();
    assertThat(PemCertificates.covers(multi, "wild.example.com")).as("bare domain").isFalse();
    assertThat(PemCertificates.covers(multi, "a.b.wild.example.com")).as("two labels").isFalse();
    assertThat(PemCertificates.covers(multi, "*.wild.example.com")).as("same wildcard").isTrue();
    assertThat(PemCertificates.covers(multi, "*.example.com")).isFalse();
    assertThat(PemCertificates.covers(multi, "ignored-cn.example.com"))
        .as("CN is not consulted when DNS SANs exist").isFalse();
    assertThat(PemCertificates.covers(multi, "127.0.0.1")).isTrue();
    assertThat(PemCertificates.covers(multi, "127.0.0.2")).isFalse();
    assertThat(PemCertificates.covers(multi, "*")).isFalse();
    assertThat(PemCertificates.covers(multi, "")).isFalse();

    X509Certificate cnOnly = CA.issue(new CertificateSpec("cn.example.com", "", List.of(),
        NOT_BEFORE, NOT_AFTER, KeyType.EC_P256)).certificate();
    assertThat(PemCertificates.covers(cnOnly, "cn.example.com")).as("CN fallback").isTrue();
    assertThat(PemCertificates.covers(cnOnly, "other.example.com")).isFalse();

    X509Certificate exactWildcardOnly = CA.issue(new CertificateSpec("x", "",
        List.of("exact.example.com"), NOT_BEFORE, NOT_AFTER, KeyType.EC_P256)).certificate();
    assertThat(PemCertificates.covers(exactWildcardOnly, "*.example.com"))
        .as("an exact SAN does not cover a wildcard host").isFalse();
  }

  private static void assertProblem(ThrowingCall call, String expectedFragment) {
    assertThatThrownBy(call::run)
        .isInstanceOf(CertificateProblem.class)
        .hasMessageContaining(expectedFragment)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern(KEY_MATERIAL));
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
