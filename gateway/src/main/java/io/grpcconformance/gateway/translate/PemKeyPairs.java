package io.grpcconformance.gateway.translate;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Parses the {@code tls.crt} chain and {@code tls.key} of a {@code kubernetes.io/tls} Secret (PEM;
 * keys in PKCS#8 {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE
 * KEY}), and checks that the key belongs to the leaf and that the leaf is valid at a given instant.
 *
 * <p>Error messages name the Secret and the field and never contain key material (not even parser
 * messages, which may quote input).
 */
final class PemKeyPairs {

  /** A usable chain (leaf first) and its key. */
  record KeyPair(List<X509Certificate> chain, PrivateKey key) {}

  /** Why a Secret's data cannot be used; the message is safe to log. */
  static final class PemException extends Exception {
    PemException(String message) {
      super(message);
    }
  }

  private static final byte[] PROBE = "grpc-conformance key check".getBytes(StandardCharsets.UTF_8);

  private PemKeyPairs() {}

  /**
   * Parses and checks a certificate chain and key.
   *
   * @param source e.g. {@code Secret default/foo-tls}, used in messages
   * @param now the instant the leaf must be valid at
   */
  static KeyPair parse(byte[] crtPem, byte[] keyPem, String source, Instant now)
      throws PemException {
    List<X509Certificate> chain = parseChain(crtPem, source);
    PrivateKey key = parseKey(keyPem, source);
    X509Certificate leaf = chain.get(0);
    checkMatches(leaf.getPublicKey(), key, source);
    try {
      leaf.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new PemException(source + " field tls.crt: certificate expired at "
          + leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new PemException(source + " field tls.crt: certificate not valid before "
          + leaf.getNotBefore().toInstant());
    }
    return new KeyPair(chain, key);
  }

  private static List<X509Certificate> parseChain(byte[] pem, String source) throws PemException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = parser(pem)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new PemException(source + " field tls.crt: not a PEM certificate chain");
    }
    if (chain.isEmpty()) {
      throw new PemException(source + " field tls.crt: no PEM CERTIFICATE block");
    }
    return chain;
  }

  private static PrivateKey parseKey(byte[] pem, String source) throws PemException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = parser(pem)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof PEMKeyPair pair) { // PKCS#1 RSA or SEC1 EC
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) { // PKCS#8
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new PemException(source + " field tls.key: encrypted keys are not supported");
        }
        if (o instanceof ASN1ObjectIdentifier) {
          continue; // "EC PARAMETERS" block that openssl writes before a SEC1 key
        }
      }
    } catch (PemException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new PemException(source + " field tls.key: not a PEM private key");
    }
    throw new PemException(source + " field tls.key: no PEM private key block"
        + " (expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  /**
   * Signs a fixed probe with the key and verifies it with the leaf's public key: one check for
   * every key type. (ECDSA signing draws random numbers; only the yes/no answer leaves this
   * method, so the translation stays deterministic.)
   */
  private static void checkMatches(PublicKey leafKey, PrivateKey key, String source)
      throws PemException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      case "Ed448" -> "Ed448";
      default -> null;
    };
    if (algorithm == null) {
      throw new PemException(source + " field tls.key: unsupported key algorithm "
          + key.getAlgorithm());
    }
    boolean ok;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leafKey);
      verifier.update(PROBE);
      ok = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new PemException(source + " field tls.key: private key does not match the"
          + " certificate's public key (tls.crt)");
    }
  }

  private static PEMParser parser(byte[] pem) {
    return new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem),
        StandardCharsets.US_ASCII));
  }
}
