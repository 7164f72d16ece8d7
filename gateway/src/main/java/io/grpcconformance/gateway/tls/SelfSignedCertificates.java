package io.grpcconformance.gateway.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Generates keys and certificates for tests, tooling and the fallback certificate: self-signed
 * leaves, or a CA that issues leaves. Uses fresh randomness on every call, so the translator never
 * calls it (it only receives what was generated once, see {@link FakeCertificate}).
 *
 * <pre>{@code
 * CertificateAuthority ca = SelfSignedCertificates.ca("test CA");
 * IssuedCertificate foo = ca.issue("foo.example.com", List.of("foo.example.com"), Duration.ofDays(1));
 * Secret secret = foo.toTlsSecret("default", "foo-tls");
 * }</pre>
 */
public final class SelfSignedCertificates {

  /** Validity of a CA made by {@link #ca(String)}. */
  public static final Duration DEFAULT_CA_VALIDITY = Duration.ofDays(365);

  private SelfSignedCertificates() {}

  /** A CA with subject {@code CN=<commonName>}, an EC P-256 key and {@link #DEFAULT_CA_VALIDITY}. */
  public static CertificateAuthority ca(String commonName) {
    return ca(CertificateSpec.of(commonName, List.of(), DEFAULT_CA_VALIDITY));
  }

  /** A CA described by {@code spec} (its subject alternative names are usually empty). */
  public static CertificateAuthority ca(CertificateSpec spec) {
    return new CertificateAuthority(create(spec, true));
  }

  /** A self-signed leaf (not a CA) for {@code commonName} with {@code subjectAltNames}. */
  public static IssuedCertificate selfSigned(String commonName, List<String> subjectAltNames,
      Duration validity) {
    return selfSigned(CertificateSpec.of(commonName, subjectAltNames, validity));
  }

  /** A self-signed leaf (not a CA) described by {@code spec}. */
  public static IssuedCertificate selfSigned(CertificateSpec spec) {
    return create(spec, false);
  }

  /** A fresh key pair of {@code type}. */
  public static KeyPair keyPair(KeyType type) {
    return X509Builder.generateKeyPair(type);
  }

  private static IssuedCertificate create(CertificateSpec spec, boolean isCa) {
    KeyPair keyPair = X509Builder.generateKeyPair(spec.keyType());
    X509Certificate certificate =
        X509Builder.sign(spec, keyPair.getPublic(), null, keyPair.getPrivate(), isCa);
    return new IssuedCertificate(certificate, keyPair.getPrivate(), List.of());
  }
}
