package io.grpcconformance.gateway.tls;

import io.grpcconformance.gateway.routing.ServerCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The default certificate presented for Ingress hosts without a usable Secret and for unknown or
 * missing SNI, shaped like ingress-nginx's generated "Kubernetes Ingress Controller Fake
 * Certificate" (ingress-netpol.md A.1 "TLS termination": subject CN and issuer CN the same string,
 * O {@code Acme Co}, DNS SAN {@code ingress.local}, self-signed, RSA 2048).
 *
 * <p>Generating a key needs randomness, so it happens once per JVM, lazily, outside any
 * translation; the translator receives the result (see {@code IngressTranslator}'s constructors).
 * Thread-safe: initialization-on-demand holder.
 */
public final class FakeCertificate {

  /** Subject and issuer CN, as ingress-nginx sets it. */
  public static final String COMMON_NAME = "Kubernetes Ingress Controller Fake Certificate";
  /** Subject O, as ingress-nginx sets it. */
  public static final String ORGANIZATION = "Acme Co";
  /** The only DNS SAN, as ingress-nginx sets it. */
  public static final String SUBJECT_ALT_NAME = "ingress.local";
  /** Validity from generation (ingress-nginx uses one year too). */
  public static final Duration VALIDITY = Duration.ofDays(365);
  /** {@link ServerCertificate#source()} of the fallback certificate. */
  public static final String SOURCE = "fallback: generated Kubernetes Ingress Controller Fake Certificate";

  private FakeCertificate() {}

  /** The JVM-wide fake certificate, for any SNI (hostname {@code ""}). */
  public static ServerCertificate get() {
    return Holder.SERVER_CERTIFICATE;
  }

  /** The JVM-wide fake certificate with its key and PEM encodings (for tests and tooling). */
  public static IssuedCertificate credentials() {
    return Holder.CREDENTIALS;
  }

  /** Generates a new fake certificate valid from {@code notBefore} for {@link #VALIDITY}. */
  public static IssuedCertificate generate(Instant notBefore) {
    CertificateSpec spec = new CertificateSpec(COMMON_NAME, ORGANIZATION,
        List.of(SUBJECT_ALT_NAME), notBefore, notBefore.plus(VALIDITY), KeyType.RSA_2048);
    return SelfSignedCertificates.selfSigned(spec);
  }

  private static final class Holder {
    static final IssuedCertificate CREDENTIALS =
        generate(Instant.now().minus(CertificateSpec.CLOCK_SKEW_ALLOWANCE));
    static final ServerCertificate SERVER_CERTIFICATE =
        CREDENTIALS.toServerCertificate("", SOURCE);
  }
}
