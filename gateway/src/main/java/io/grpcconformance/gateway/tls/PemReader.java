package io.grpcconformance.gateway.tls;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM text with BouncyCastle's parser. Every failure becomes a {@link CertificateProblem}
 * whose message is written here, so no parser message (which could quote input) escapes.
 */
final class PemReader {
  private PemReader() {}

  /** Every {@code CERTIFICATE} block, in order; other blocks are ignored. */
  static List<X509Certificate> certificates(String pem, String what) throws CertificateProblem {
    List<Object> objects = readAll(pem, what);
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object object : objects) {
      if (object instanceof X509CertificateHolder holder) {
        try {
          certificates.add(converter.getCertificate(holder));
        } catch (CertificateException | RuntimeException e) {
          throw new CertificateProblem(what + ": certificate " + (certificates.size() + 1)
              + " cannot be decoded as X.509");
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new CertificateProblem(what + ": no PEM CERTIFICATE block found");
    }
    return certificates;
  }

  /**
   * The one private key: PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code
   * EC PRIVATE KEY} (an {@code EC PARAMETERS} block next to it is ignored). Encrypted keys are
   * refused.
   */
  static PrivateKey privateKey(String pem, String what) throws CertificateProblem {
    List<Object> objects = readAll(pem, what);
    // BouncyCastle names EC keys "ECDSA", which the JDK's providers do not know; no provider is
    // registered globally, so map the OID to the JDK's "EC".
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter()
        .setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC");
    PrivateKey key = null;
    for (Object object : objects) {
      PrivateKey found;
      try {
        if (object instanceof PEMKeyPair pair) {
          // Only the private part: SEC1 keys may omit the optional public key.
          found = converter.getPrivateKey(pair.getPrivateKeyInfo());
        } else if (object instanceof PrivateKeyInfo info) {
          found = converter.getPrivateKey(info);
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo
            || object instanceof PEMEncryptedKeyPair) {
          throw new CertificateProblem(what + ": the private key is encrypted; store it"
              + " unencrypted (PKCS#8 PRIVATE KEY, PKCS#1 RSA PRIVATE KEY or SEC1 EC PRIVATE KEY)");
        } else if (object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters
            || object instanceof X509CertificateHolder) {
          continue; // EC PARAMETERS, or a certificate stored with the key: not a key
        } else {
          throw new CertificateProblem(what + ": unexpected PEM block "
              + object.getClass().getSimpleName() + " where a private key was expected");
        }
      } catch (IOException | RuntimeException e) {
        throw new CertificateProblem(what + ": the private key cannot be decoded ("
            + e.getClass().getSimpleName() + ")");
      }
      if (key != null) {
        throw new CertificateProblem(what + ": more than one private key");
      }
      key = found;
    }
    if (key == null) {
      throw new CertificateProblem(what + ": no PEM private key block found (expected PRIVATE KEY,"
          + " RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
    return key;
  }

  private static List<Object> readAll(String pem, String what) throws CertificateProblem {
    if (pem == null || pem.isBlank()) {
      throw new CertificateProblem(what + ": is empty");
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      // Deliberately not the parser's message: it may quote the input.
      throw new CertificateProblem(what + ": malformed PEM after " + objects.size()
          + " readable block(s) (" + e.getClass().getSimpleName() + ")");
    }
    if (objects.isEmpty()) {
      throw new CertificateProblem(what + ": not PEM (no -----BEGIN line found)");
    }
    return objects;
  }
}
