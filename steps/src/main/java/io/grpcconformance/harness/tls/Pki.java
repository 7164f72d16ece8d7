package io.grpcconformance.harness.tls;

import io.grpcconformance.harness.env.TlsMaterial;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authorities of one scenario, named as the feature names them: creates CAs and
 * issues EC P-256 server certificates (SANs = the given DNS names, CN = the first) valid for two
 * days, as PEM. Keys stay in memory and never reach logs ({@link TlsMaterial#toString()}).
 */
public final class Pki {

  private record Authority(X509Certificate certificate, PrivateKey key, String pem) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Authority> authorities = new LinkedHashMap<>();

  /** Creates the self-signed CA {@code name} (CN = name). */
  public void createAuthority(String name) {
    KeyPair kp = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    X509Certificate cert = sign(subject, subject, kp, kp.getPrivate(), List.of(), true);
    authorities.put(name, new Authority(cert, kp.getPrivate(), pem(cert)));
  }

  /** The PEM certificate of CA {@code name}. */
  public String caPem(String name) {
    return authority(name).pem();
  }

  /** A server certificate for {@code dnsNames} (CN = first name) signed by CA {@code caName}. */
  public TlsMaterial issue(String caName, List<String> dnsNames) {
    if (dnsNames.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one DNS name");
    }
    Authority ca = authority(caName);
    KeyPair kp = keyPair();
    X500Name issuer = new X500Name(ca.certificate().getSubjectX500Principal().getName());
    X509Certificate cert = sign(issuer, new X500Name("CN=" + dnsNames.get(0)), kp, ca.key(), dnsNames, false);
    try {
      return new TlsMaterial(pem(cert), pem(new JcaPKCS8Generator(kp.getPrivate(), null).generate()));
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException("cannot encode the key of " + dnsNames.get(0), e);
    }
  }

  private Authority authority(String name) {
    Authority a = authorities.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no certificate authority '" + name + "' in this scenario; known: "
          + authorities.keySet());
    }
    return a;
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }

  private static X509Certificate sign(X500Name issuer, X500Name subject, KeyPair kp, PrivateKey signer,
      List<String> sans, boolean ca) {
    Instant now = Instant.now();
    try {
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
          kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
            sans.stream().map(s -> new GeneralName(GeneralName.dNSName, s)).toArray(GeneralName[]::new)));
      }
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static String pem(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write PEM", e);
    }
    return w.toString();
  }
}
