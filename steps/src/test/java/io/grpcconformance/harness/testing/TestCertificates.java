package io.grpcconformance.harness.testing;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test-only BouncyCastle CA and leaf certificates (EC P-256), as PEM. */
public final class TestCertificates {

  /** A CA or leaf: certificate and PKCS#8 key in PEM. */
  public record Issued(X509Certificate certificate, PrivateKey key, String certificatePem, String keyPem) {}

  private TestCertificates() {}

  /** A self-signed CA. */
  public static Issued ca(String cn) {
    return issue(cn, List.of(), null, true);
  }

  /** A leaf for {@code dnsNames} signed by {@code ca}. */
  public static Issued leaf(Issued ca, String cn, List<String> dnsNames) {
    return issue(cn, dnsNames, ca, false);
  }

  private static Issued issue(String cn, List<String> sans, Issued issuer, boolean isCa) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      X500Name subject = new X500Name("CN=" + cn);
      X500Name issuerName = issuer == null ? subject : new X500Name(
          issuer.certificate().getSubjectX500Principal().getName());
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          issuerName, new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(2))), subject, kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else if (!sans.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            sans.stream().map(s -> new GeneralName(GeneralName.dNSName, s)).toArray(GeneralName[]::new)));
      }
      PrivateKey signer = issuer == null ? kp.getPrivate() : issuer.key();
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
      return new Issued(cert, kp.getPrivate(), pem(cert), pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object o) throws java.io.IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }
}
