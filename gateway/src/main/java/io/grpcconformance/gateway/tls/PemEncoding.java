package io.grpcconformance.gateway.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
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
   * PRIVATE KEY} (SEC1) for EC; other algorithms stay PKCS#8.
   */
  static String traditional(PrivateKey key) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + key.getAlgorithm() + " private key", e);
    }
    return text.toString();
  }
}
