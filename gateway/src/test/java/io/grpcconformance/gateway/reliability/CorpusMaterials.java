package io.grpcconformance.gateway.reliability;

import io.grpcconformance.gateway.tls.CertificateSpec;
import io.grpcconformance.gateway.tls.IssuedCertificate;
import io.grpcconformance.gateway.tls.SelfSignedCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the corpus placeholders ({@code ${NAME}}) stand for in one run: loopback ports of the sample
 * services and certificates generated now (no key is ever committed), plus every fragment of Secret
 * content that must never show up in a log line or a status.
 */
final class CorpusMaterials {
  private static final Duration VALIDITY = Duration.ofDays(2);

  /** Shorter fragments could occur by chance in unrelated base64 text. */
  private static final int FRAGMENT = 24;

  private final Map<String, String> placeholders = new LinkedHashMap<>();
  private final List<String> secretFragments = new ArrayList<>();
  private final IssuedCertificate base;

  private CorpusMaterials(int greeterPort, int userPort) {
    base =
        SelfSignedCertificates.selfSigned(
            "secure.example.com", List.of("secure.example.com"), VALIDITY);
    IssuedCertificate corpus =
        SelfSignedCertificates.selfSigned(
            "corpus.example.com", List.of("*.corpus.example.com"), VALIDITY);
    IssuedCertificate other =
        SelfSignedCertificates.selfSigned(
            "other.corpus.example.com", List.of("other.corpus.example.com"), VALIDITY);
    IssuedCertificate expired =
        SelfSignedCertificates.selfSigned(
            CertificateSpec.of(
                    "expired.corpus.example.com", List.of("expired.corpus.example.com"), VALIDITY)
                .withValidity(
                    Instant.parse("2001-01-01T00:00:00Z"), Instant.parse("2001-12-31T00:00:00Z")));
    placeholders.put("GREETER_PORT", Integer.toString(greeterPort));
    placeholders.put("USER_PORT", Integer.toString(userPort));
    secret("BASE_TLS_CRT_B64", base.certificatePem());
    secret("BASE_TLS_KEY_B64", base.privateKeyPem());
    secret("CORPUS_TLS_CRT_B64", corpus.certificatePem());
    secret("CORPUS_TLS_KEY_B64", corpus.privateKeyPem());
    secret("OTHER_KEY_B64", other.privateKeyPem());
    secret("EXPIRED_TLS_CRT_B64", expired.certificatePem());
    secret("EXPIRED_TLS_KEY_B64", expired.privateKeyPem());
    // The PEM pasted as-is into `data` (a YAML double-quoted string with \n escapes).
    placeholders.put("CORPUS_TLS_CRT_PEM_ONE_LINE", corpus.certificatePem().replace("\n", "\\n"));
  }

  /** Generates fresh materials for services listening on these loopback ports. */
  static CorpusMaterials generate(int greeterPort, int userPort) {
    return new CorpusMaterials(greeterPort, userPort);
  }

  private void secret(String name, String pem) {
    String b64 = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    placeholders.put(name, b64);
    addFragments(b64);
    // The PEM body is the base64 of the DER key or certificate bytes.
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    addFragments(body);
  }

  private void addFragments(String text) {
    for (int i = 0; i + FRAGMENT <= text.length(); i += FRAGMENT / 2) {
      secretFragments.add(text.substring(i, i + FRAGMENT));
    }
  }

  /** Placeholder name (without {@code ${}}) → value. */
  Map<String, String> placeholders() {
    return Map.copyOf(placeholders);
  }

  /** Overlapping slices of every Secret value (base64 and PEM body) to hunt for in output. */
  List<String> secretFragments() {
    return List.copyOf(secretFragments);
  }

  /** The certificate served for {@code secure.example.com} by the base listener. */
  IssuedCertificate baseCertificate() {
    return base;
  }

  /** The first fragment of Secret content found in {@code text}, or null. */
  String findSecret(String text) {
    for (String fragment : secretFragments) {
      if (text.contains(fragment)) {
        return fragment;
      }
    }
    return null;
  }
}
