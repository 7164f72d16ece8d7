package io.grpcconformance.gateway.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Writes certificates and keys as PEM text (RFC 7468). */
final class PemEncoding {
  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemEncoding() {}

  /** One PEM block of {@code type} around {@code der}. */
  static String block(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type
        + "-----\n";
  }

  /** The certificates as consecutive {@code CERTIFICATE} blocks, in the given order. */
  static String certificates(List<X509Certificate> chain) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate certificate : chain) {
      try {
        out.append(block("CERTIFICATE", certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("cannot encode certificate "
            + certificate.getSubjectX500Principal().getName(), e);
      }
    }
    return out.toString();
  }

  /** The key as PKCS#8 {@code PRIVATE KEY}. */
  static String pkcs8(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  /**
   * The key in OpenSSL's traditional format: {@code RSA PRIVATE KEY} (PKCS#1) for RSA, {@code EC
   * PRIVATE KEY} (SEC1, RFC 5915, with the curve and the public key as OpenSSL writes it) for EC;
   * other algorithms stay PKCS#8.
   */
  static String traditional(PrivateKey key, PublicKey publicKey) {
    if (key.getAlgorithm().equals("EC")) {
      // The JDK's PKCS#8 keeps the curve outside the inner SEC1 structure and omits the public
      // key; a stand-alone SEC1 key needs both.
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
      ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
      int orderBits = ((ECPrivateKey) key).getParams().getOrder().bitLength();
      try {
        org.bouncycastle.asn1.sec.ECPrivateKey inner =
            org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
            orderBits, inner.getKey(),
            SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData(), curve);
        return block("EC PRIVATE KEY", sec1.getEncoded());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot encode EC private key", e);
      }
    }
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + key.getAlgorithm() + " private key", e);
    }
    return text.toString();
  }
}
