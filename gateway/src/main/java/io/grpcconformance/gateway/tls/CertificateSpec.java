package io.grpcconformance.gateway.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link SelfSignedCertificates} and {@link CertificateAuthority} put into a new certificate.
 *
 * @param commonName subject CN
 * @param organization subject O, or empty for none
 * @param subjectAltNames DNS names ({@code *.example.com} allowed) and IP literals; may be empty
 * @param notBefore start of validity
 * @param notAfter end of validity (before {@code notBefore} is refused; in the past gives an
 *     expired certificate)
 * @param keyType the key to generate
 */
public record CertificateSpec(
    String commonName,
    String organization,
    List<String> subjectAltNames,
    Instant notBefore,
    Instant notAfter,
    KeyType keyType) {

  /** How far back {@link #of} starts validity, to tolerate clock skew between machines. */
  public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

  public CertificateSpec {
    Objects.requireNonNull(commonName, "commonName");
    Objects.requireNonNull(organization, "organization");
    subjectAltNames = List.copyOf(subjectAltNames);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(keyType, "keyType");
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException(
          "notAfter " + notAfter + " is before notBefore " + notBefore + " for CN=" + commonName);
    }
  }

  /**
   * An EC P-256 certificate valid from {@link #CLOCK_SKEW_ALLOWANCE} ago for {@code validity}
   * from now (reads the clock: for tests and tooling, never for the translator).
   */
  public static CertificateSpec of(String commonName, List<String> subjectAltNames,
      Duration validity) {
    Instant now = Instant.now();
    return new CertificateSpec(commonName, "", subjectAltNames, now.minus(CLOCK_SKEW_ALLOWANCE),
        now.plus(validity), KeyType.EC_P256);
  }

  public CertificateSpec withOrganization(String newOrganization) {
    return new CertificateSpec(commonName, newOrganization, subjectAltNames, notBefore, notAfter,
        keyType);
  }

  public CertificateSpec withValidity(Instant newNotBefore, Instant newNotAfter) {
    return new CertificateSpec(commonName, organization, subjectAltNames, newNotBefore,
        newNotAfter, keyType);
  }

  public CertificateSpec withKeyType(KeyType newKeyType) {
    return new CertificateSpec(commonName, organization, subjectAltNames, notBefore, notAfter,
        newKeyType);
  }
}
