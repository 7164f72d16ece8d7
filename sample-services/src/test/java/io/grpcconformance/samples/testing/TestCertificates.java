package io.grpcconformance.samples.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
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

/** Test PKI made with BouncyCastle: a throw-away CA issuing server certificates as PEM files. */
public final class TestCertificates {

  /** Validity of generated certificates. */
  private static final Duration VALIDITY = Duration.ofDays(2);

  /** Keeps the file names of several certificates in one directory apart. */
  private static final AtomicInteger FILES = new AtomicInteger();

  /** PEM files of an issued certificate: chain, PKCS#8 key, and the issuing CA to trust. */
  public record Pem(Path cert, Path key, Path ca) {}

  /** A certificate authority held in memory. */
  public static final class Authority {
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final X500Name name;

    private Authority(KeyPair keys, X509Certificate certificate, X500Name name) {
      this.keys = keys;
      this.certificate = certificate;
      this.name = name;
    }

    /** Issues a server certificate whose SAN lists {@code names} (DNS names or IP literals). */
    public Pem issue(Path dir, String... names) throws IOException, GeneralSecurityException {
      KeyPair leafKeys = newKeyPair();
      GeneralName[] sans = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        boolean ip = names[i].matches("[0-9.]+") || names[i].contains(":");
        sans[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
      }
      JcaX509v3CertificateBuilder builder = builder(name, new X500Name("CN=" + names[0]), leafKeys);
      try {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      } catch (CertIOException e) {
        throw new IOException(e);
      }
      X509Certificate leaf = sign(builder, keys);
      String base = names[0].replaceAll("[^A-Za-z0-9.-]", "_") + "-" + FILES.incrementAndGet();
      Path cert = write(dir.resolve(base + ".crt"), leaf);
      Path key =
          write(dir.resolve(base + ".key"), new JcaPKCS8Generator(leafKeys.getPrivate(), null));
      Path ca = write(dir.resolve(base + "-ca.crt"), certificate);
      return new Pem(cert, key, ca);
    }
  }

  private TestCertificates() {}

  /** A new self-signed CA named {@code commonName}. */
  public static Authority newAuthority(String commonName)
      throws IOException, GeneralSecurityException {
    KeyPair keys = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    JcaX509v3CertificateBuilder builder = builder(name, name, keys);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (CertIOException e) {
      throw new IOException(e);
    }
    return new Authority(keys, sign(builder, keys), name);
  }

  private static JcaX509v3CertificateBuilder builder(
      X500Name issuer, X500Name subject, KeyPair subjectKeys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(63, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        subjectKeys.getPublic());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static Path write(Path file, Object pemObject) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file);
        JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(pemObject);
    }
    return file;
  }
}
