package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** PEM parsing of tls.crt / tls.key: key formats, key match, validity, safe messages. */
class PemKeyPairsTest {
  private static final Instant NOW = TestCertificates.TEST_NOW;
  private static final String SOURCE = "Secret ns/tls";

  private static byte[] cert(String name) {
    return Snapshots.resource("certs/" + name + ".crt");
  }

  private static byte[] key(String name) {
    return Snapshots.resource("certs/" + name + ".key");
  }

  @Test
  void parsesPkcs8RsaKey() throws Exception {
    var pair = PemKeyPairs.parse(cert("example-com"), key("example-com"), SOURCE, NOW);
    assertThat(pair.key().getAlgorithm()).isEqualTo("RSA");
    assertThat(pair.chain()).hasSize(1);
    assertThat(pair.chain().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=*.example.com");
  }

  @Test
  void parsesPkcs1RsaKey() throws Exception {
    assertThat(new String(key("foo-example-com-pkcs1"), StandardCharsets.US_ASCII))
        .contains("BEGIN RSA PRIVATE KEY");
    var pair = PemKeyPairs.parse(cert("foo-example-com-pkcs1"), key("foo-example-com-pkcs1"),
        SOURCE, NOW);
    assertThat(pair.key().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void parsesSec1EcKey() throws Exception {
    assertThat(new String(key("bar-example-com-sec1"), StandardCharsets.US_ASCII))
        .contains("BEGIN EC PRIVATE KEY");
    var pair = PemKeyPairs.parse(cert("bar-example-com-sec1"), key("bar-example-com-sec1"),
        SOURCE, NOW);
    assertThat(pair.key().getAlgorithm()).isIn("EC", "ECDSA");
  }

  @Test
  void keepsTheWholeChainLeafFirst() throws Exception {
    var pair = PemKeyPairs.parse(cert("chained"), key("chained"), SOURCE, NOW);
    assertThat(pair.chain()).hasSize(2);
    assertThat(pair.chain().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=chained.example.com");
    assertThat(pair.chain().get(1).getSubjectX500Principal().getName()).isEqualTo("CN=Test CA");
  }

  @Test
  void rejectsAKeyThatDoesNotMatchTheLeaf() {
    assertThatThrownBy(() -> PemKeyPairs.parse(cert("example-com"), key("foo-example-com-pkcs1"),
        SOURCE, NOW))
        .hasMessage("Secret ns/tls field tls.key: private key does not match the certificate's"
            + " public key (tls.crt)");
  }

  @Test
  void rejectsAKeyOfAnotherAlgorithm() {
    assertThatThrownBy(() -> PemKeyPairs.parse(cert("example-com"), key("bar-example-com-sec1"),
        SOURCE, NOW)).hasMessageContaining("does not match");
  }

  @Test
  void rejectsAnExpiredLeaf() {
    assertThatThrownBy(() -> PemKeyPairs.parse(cert("expired"), key("expired"), SOURCE, NOW))
        .hasMessage("Secret ns/tls field tls.crt: certificate expired at 2001-01-01T00:00:00Z");
  }

  @Test
  void rejectsALeafNotYetValid() {
    assertThatThrownBy(() -> PemKeyPairs.parse(cert("future"), key("future"), SOURCE, NOW))
        .hasMessageContaining("not valid before 2100-01-01T00:00:00Z");
  }

  @Test
  void validityIsCheckedAtTheGivenInstant() throws Exception {
    var pair = PemKeyPairs.parse(cert("expired"), key("expired"), SOURCE,
        Instant.parse("2000-06-01T00:00:00Z"));
    assertThat(pair.chain()).hasSize(1);
  }

  @Test
  void rejectsGarbageWithoutQuotingIt() {
    byte[] garbage = "-----BEGIN CERTIFICATE-----\nc2VjcmV0LXN0dWZm\n-----END CERTIFICATE-----\n"
        .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> PemKeyPairs.parse(garbage, key("example-com"), SOURCE, NOW))
        .hasMessage("Secret ns/tls field tls.crt: not a PEM certificate chain");
    assertThatThrownBy(() -> PemKeyPairs.parse(cert("example-com"),
        "just text".getBytes(StandardCharsets.US_ASCII), SOURCE, NOW))
        .hasMessageStartingWith("Secret ns/tls field tls.key: no PEM private key block");
  }

  @Test
  void messagesNeverContainKeyMaterial() {
    String keyText = new String(key("foo-example-com-pkcs1"), StandardCharsets.US_ASCII);
    String someKeyLine = keyText.lines().skip(3).findFirst().orElseThrow();
    byte[] brokenKey = keyText.replace(someKeyLine, someKeyLine.substring(5))
        .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> PemKeyPairs.parse(cert("foo-example-com-pkcs1"), brokenKey, SOURCE,
        NOW))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(someKeyLine.substring(5, 20))
            .startsWith("Secret ns/tls field tls.key"));
  }
}
