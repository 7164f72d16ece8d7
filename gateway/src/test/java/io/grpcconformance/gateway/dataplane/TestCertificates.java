package io.grpcconformance.gateway.dataplane;

import io.grpcconformance.gateway.routing.ServerCertificate;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-local certificates: one EC P-256 CA per test JVM and leaf certificates it signs, built with
 * BouncyCastle's certificate builder over JDK keys (so both the JDK and OpenSSL TLS providers can
 * use them).
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private static final Ca CA = newCa();

  /** The CA's certificate and key. */
  public record Ca(X509Certificate certificate, KeyPair keys) {}

  private TestCertificates() {}

  /** The CA that signs every leaf of this class; trust it in clients. */
  public static X509Certificate caCertificate() {
    return CA.certificate();
  }

  /**
   * A leaf for {@code dnsName} (CN and SAN), chosen for SNI {@code sniHostname} (exact, wildcard
   * or empty).
   */
  public static ServerCertificate serverCertificate(String dnsName, String sniHostname) {
    try {
      KeyPair leafKeys = ecKeys();
      X509Certificate leaf = sign(new X500Name("CN=" + dnsName), leafKeys, dnsName, false);
      return new ServerCertificate(
          sniHostname, List.of(leaf, CA.certificate()), leafKeys.getPrivate(), "test " + dnsName);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Ca newCa() {
    try {
      KeyPair keys = ecKeys();
      return new Ca(sign(new X500Name("CN=dataplane test CA"), keys, null, true), keys);
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, String dnsName,
      boolean isCa) throws Exception {
    Instant now = Instant.now();
    X500Name issuer = isCa ? subject : new X500Name(CA.certificate().getSubjectX500Principal()
        .getName());
    KeyPair signer = isCa ? subjectKeys : CA.keys();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        subject, subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (dnsName != null) {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }
}
