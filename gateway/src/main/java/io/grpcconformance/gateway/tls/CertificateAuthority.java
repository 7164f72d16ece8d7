package io.grpcconformance.gateway.tls;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A self-signed CA that issues leaf certificates; created by {@link SelfSignedCertificates#ca}.
 * Thread-safe (immutable).
 */
public final class CertificateAuthority {
  private final IssuedCertificate credentials;

  CertificateAuthority(IssuedCertificate credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * A leaf for {@code commonName} with {@code subjectAltNames} (DNS names or IP literals), an EC
   * P-256 key, valid from a little before now for {@code validity}.
   */
  public IssuedCertificate issue(String commonName, List<String> subjectAltNames,
      Duration validity) {
    return issue(CertificateSpec.of(commonName, subjectAltNames, validity));
  }

  /** A leaf described by {@code spec}, with a new key of {@code spec.keyType()}. */
  public IssuedCertificate issue(CertificateSpec spec) {
    return issue(spec, X509Builder.generateKeyPair(spec.keyType()));
  }

  /** A leaf described by {@code spec} for an existing key pair (e.g. to renew a certificate). */
  public IssuedCertificate issue(CertificateSpec spec, KeyPair keyPair) {
    X509Certificate leaf = X509Builder.sign(spec, keyPair.getPublic(), credentials.certificate(),
        credentials.privateKey(), false);
    return new IssuedCertificate(leaf, keyPair.getPrivate(), List.of(credentials.certificate()));
  }

  /** The CA certificate (the trust anchor clients need). */
  public X509Certificate certificate() {
    return credentials.certificate();
  }

  /** The CA certificate as PEM, e.g. for {@code TlsChannelCredentials.trustManager}. */
  public String certificatePem() {
    return credentials.certificatePem();
  }

  /** The CA's own certificate and key. */
  public IssuedCertificate credentials() {
    return credentials;
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + credentials.subject() + "]";
  }
}
