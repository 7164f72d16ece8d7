package io.grpcconformance.gateway.translate;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * TEST KEYS ONLY. Generates the certificates and keys under {@code
 * src/test/resources/translate/certs} once; they are committed so golden files stay stable. Run
 * from the gateway module: {@code java -cp <test and runtime classpath>
 * io.grpcconformance.gateway.translate.TestCertificates src/test/resources/translate/certs}.
 * Validity 2020-01-01 to 2120-01-01 (expired.* 2000-2001, future.* 2100-2120); tests use a fixed
 * clock of {@link #TEST_NOW}.
 */
public final class TestCertificates {
  /** The instant tests check certificate validity at. */
  public static final Instant TEST_NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant FROM = Instant.parse("2020-01-01T00:00:00Z");
  static final Instant TO = Instant.parse("2120-01-01T00:00:00Z");

  private TestCertificates() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/translate/certs");
    Files.createDirectories(dir);
    KeyPair rsa = rsa();
    write(dir, "example-com", selfSigned("*.example.com", rsa, 1, FROM, TO,
        "*.example.com", "example.com"), pkcs8(rsa.getPrivate()));
    KeyPair rsa1 = rsa();
    write(dir, "foo-example-com-pkcs1", selfSigned("foo.example.com", rsa1, 2, FROM, TO,
        "foo.example.com"), traditional(rsa1));
    KeyPair ec = ec();
    write(dir, "bar-example-com-sec1", selfSigned("bar.example.com", ec, 3, FROM, TO,
        "bar.example.com"), traditional(ec));
    KeyPair old = rsa();
    write(dir, "expired", selfSigned("expired.example.com", old, 4,
        Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2001-01-01T00:00:00Z"),
        "expired.example.com"), pkcs8(old.getPrivate()));
    KeyPair future = ec();
    write(dir, "future", selfSigned("future.example.com", future, 5,
        Instant.parse("2100-01-01T00:00:00Z"), TO, "future.example.com"),
        pkcs8(future.getPrivate()));
    KeyPair web = ec();
    write(dir, "web-backend", selfSigned("web.example.net", web, 6, FROM, TO, "web.example.net"),
        pkcs8(web.getPrivate()));
    KeyPair ca = ec();
    X509Certificate caCert = certificate("Test CA", ca, ca.getPrivate(), "Test CA", 7, FROM, TO,
        true);
    KeyPair leaf = ec();
    X509Certificate leafCert = certificate("chained.example.com", leaf, ca.getPrivate(), "Test CA",
        8, FROM, TO, false, "chained.example.com");
    Files.writeString(dir.resolve("chained.crt"), pem(leafCert) + pem(caCert));
    Files.writeString(dir.resolve("chained.key"), pkcs8(leaf.getPrivate()));
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate selfSigned(String cn, KeyPair kp, long serial, Instant from, Instant to,
      String... sans) throws Exception {
    return certificate(cn, kp, kp.getPrivate(), cn, serial, from, to, false, sans);
  }

  static X509Certificate certificate(String cn, KeyPair subject, PrivateKey issuerKey,
      String issuerCn, long serial, Instant from, Instant to, boolean ca, String... sans)
      throws Exception {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerCn),
        BigInteger.valueOf(serial), Date.from(from), Date.from(to), new X500Name("CN=" + cn),
        subject.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (sans.length > 0) {
      GeneralName[] names = new GeneralName[sans.length];
      for (int i = 0; i < sans.length; i++) {
        names[i] = new GeneralName(GeneralName.dNSName, sans[i]);
      }
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    String alg = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
  }

  static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }

  /** PKCS#8 "PRIVATE KEY". */
  static String pkcs8(PrivateKey key) throws IOException {
    return pem(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY" (with curve and public key, as openssl). */
  static String traditional(KeyPair kp) throws IOException {
    if (!(kp.getPrivate() instanceof ECPrivateKey ec)) {
      return pem(kp.getPrivate());
    }
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
    SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
        ec.getParams().getOrder().bitLength(), ec.getS(), pub.getPublicKeyData(),
        info.getPrivateKeyAlgorithm().getParameters());
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }

  private static void write(Path dir, String name, X509Certificate cert, String key)
      throws IOException {
    Files.writeString(dir.resolve(name + ".crt"), pem(cert), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(name + ".key"), key, StandardCharsets.US_ASCII);
  }
}
