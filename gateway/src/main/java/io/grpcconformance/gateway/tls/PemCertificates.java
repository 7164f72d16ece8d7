package io.grpcconformance.gateway.tls;

import io.fabric8.kubernetes.api.model.Secret;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns PEM certificate chains and private keys (from a {@code kubernetes.io/tls} Secret or plain
 * strings) into {@link ServerCertificate}s, and answers the questions translators ask about them:
 * does the key match, is it valid now, does it cover a host name.
 *
 * <p>Two readings of a Secret exist because the two APIs differ:
 * <ul>
 *   <li>{@link #fromSecret} — Gateway API {@code certificateRefs}: the Secret must have type
 *       {@code kubernetes.io/tls} and the leaf must be valid at {@code now};
 *   <li>{@link #fromSecretData} — ingress-nginx: any Secret type with {@code tls.crt} and
 *       {@code tls.key} is used and an expired certificate is still served (it only logs a
 *       warning; ingress-netpol.md A.1 sources, {@code controller.go createServers}).
 * </ul>
 * Both require parseable PEM, an unencrypted key, and the key to match the first certificate.
 * Every failure is a {@link CertificateProblem} naming the Secret and key; messages never contain
 * key material. Stateless and thread-safe.
 */
public final class PemCertificates {

  /** The Secret type Gateway API requires for certificateRefs. */
  public static final String TLS_SECRET_TYPE = "kubernetes.io/tls";
  /** The Secret key holding the PEM chain, leaf first. */
  public static final String TLS_CERT_KEY = "tls.crt";
  /** The Secret key holding the PEM private key. */
  public static final String TLS_PRIVATE_KEY_KEY = "tls.key";

  private static final byte[] PROBE = "grpc-conformance key match probe"
      .getBytes(StandardCharsets.US_ASCII);

  private PemCertificates() {}

  /**
   * Gateway API reading of a TLS Secret: type {@code kubernetes.io/tls}, parseable chain and key,
   * key matching the leaf, leaf valid at {@code now}.
   *
   * @param hostname the SNI name the result is chosen for ({@code ""} for any); not checked
   *     against the certificate, see {@link #covers}
   */
  public static ServerCertificate fromSecret(Secret secret, String hostname, Instant now)
      throws CertificateProblem {
    String source = sourceOf(secret);
    if (!TLS_SECRET_TYPE.equals(secret.getType())) {
      throw new CertificateProblem(source + ": type is " + quoted(secret.getType()) + ", not "
          + TLS_SECRET_TYPE);
    }
    ServerCertificate certificate = fromSecretData(secret, hostname);
    requireValidAt(certificate.chain().get(0), now, source);
    return certificate;
  }

  /**
   * ingress-nginx reading of a Secret: any type, {@code tls.crt} and {@code tls.key} from {@code
   * stringData} (as written in a manifest) or else {@code data} (base64), key matching the leaf;
   * the validity period is not checked.
   */
  public static ServerCertificate fromSecretData(Secret secret, String hostname)
      throws CertificateProblem {
    String source = sourceOf(secret);
    String certPem = value(secret, TLS_CERT_KEY, source);
    String keyPem = value(secret, TLS_PRIVATE_KEY_KEY, source);
    return parse(certPem, keyPem, hostname, source);
  }

  /**
   * A certificate from PEM strings, checked like {@link #fromSecret} except for the Secret type.
   *
   * @param source where the PEM came from, used in messages and {@link ServerCertificate#source()}
   */
  public static ServerCertificate fromPem(String certPem, String keyPem, String hostname,
      String source, Instant now) throws CertificateProblem {
    ServerCertificate certificate = parse(certPem, keyPem, hostname, source);
    requireValidAt(certificate.chain().get(0), now, source);
    return certificate;
  }

  /** A certificate from PEM strings: parseable chain and key, key matching the leaf; no time check. */
  public static ServerCertificate parse(String certPem, String keyPem, String hostname,
      String source) throws CertificateProblem {
    List<X509Certificate> chain = parseCertificates(certPem, source + " " + TLS_CERT_KEY);
    PrivateKey key = parsePrivateKey(keyPem, source + " " + TLS_PRIVATE_KEY_KEY);
    requireMatchingKey(chain.get(0), key, source);
    return new ServerCertificate(hostname, chain, key, source);
  }

  /** Every PEM {@code CERTIFICATE} in {@code pem}, in order (at least one). */
  public static List<X509Certificate> parseCertificates(String pem, String what)
      throws CertificateProblem {
    return List.copyOf(PemReader.certificates(pem, what));
  }

  /** The single unencrypted private key in {@code pem} (PKCS#8, PKCS#1 RSA or SEC1 EC). */
  public static PrivateKey parsePrivateKey(String pem, String what) throws CertificateProblem {
    return PemReader.privateKey(pem, what);
  }

  /** Fails unless {@code key} is the private half of {@code certificate}'s public key. */
  public static void requireMatchingKey(X509Certificate certificate, PrivateKey key, String what)
      throws CertificateProblem {
    PublicKey publicKey = certificate.getPublicKey();
    String mismatch = what + ": the private key does not match the certificate "
        + describe(certificate);
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      throw new CertificateProblem(mismatch + " (key is " + key.getAlgorithm()
          + ", certificate is " + publicKey.getAlgorithm() + ")");
    }
    if (publicKey instanceof RSAKey rsaPublic && key instanceof RSAKey rsaPrivate) {
      if (!rsaPublic.getModulus().equals(rsaPrivate.getModulus())) {
        throw new CertificateProblem(mismatch);
      }
      return;
    }
    // Any other algorithm: a signature made with the key must verify with the certificate.
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "DSA" -> "SHA256withDSA";
      case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
      default -> null;
    };
    if (algorithm == null) {
      throw new CertificateProblem(what + ": unsupported key algorithm " + key.getAlgorithm());
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      if (!verifier.verify(signature)) {
        throw new CertificateProblem(mismatch);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CertificateProblem(mismatch + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Fails unless {@code now} lies within {@code certificate}'s validity period. */
  public static void requireValidAt(X509Certificate certificate, Instant now, String what)
      throws CertificateProblem {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      throw new CertificateProblem(what + ": certificate " + describe(certificate)
          + " is not valid before " + notBefore);
    }
    if (now.isAfter(notAfter)) {
      throw new CertificateProblem(what + ": certificate " + describe(certificate)
          + " expired at " + notAfter);
    }
  }

  /**
   * Whether {@code certificate} is valid for {@code host} (RFC 6125, as Go's VerifyHostname which
   * ingress-nginx uses): DNS SANs with single-label left-most wildcards, the subject CN only when
   * there is no DNS SAN, IP SANs for IP literals. A wildcard host ({@code *.foo.com}) is covered
   * only by the same wildcard SAN; {@code *} and {@code ""} are never covered.
   */
  public static boolean covers(X509Certificate certificate, String host) {
    return HostnameMatch.covers(certificate, host);
  }

  /** A short description for messages: {@code CN=foo, DNS SANs [a, b]}; never key material. */
  public static String describe(X509Certificate certificate) {
    String cn = HostnameMatch.commonName(certificate);
    return "(CN=" + (cn == null ? "" : cn) + ", DNS SANs " + HostnameMatch.dnsNames(certificate)
        + ")";
  }

  private static String value(Secret secret, String key, String source)
      throws CertificateProblem {
    // stringData wins over data, as the API server merges them (stringData is write-only there,
    // but manifests read from a folder may carry both).
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null) {
      return stringData.get(key);
    }
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null) {
      try {
        String compact = data.get(key).replaceAll("\\s", "");
        return new String(Base64.getDecoder().decode(compact), StandardCharsets.US_ASCII);
      } catch (IllegalArgumentException e) {
        throw new CertificateProblem(source + ": data[" + key + "] is not valid base64");
      }
    }
    throw new CertificateProblem(source + ": has no " + key
        + " (it contains no certificate and key pair)");
  }

  private static String sourceOf(Secret secret) {
    String namespace = secret.getMetadata() == null ? null : secret.getMetadata().getNamespace();
    String name = secret.getMetadata() == null ? null : secret.getMetadata().getName();
    return "Secret " + (namespace == null ? "default" : namespace) + "/" + name;
  }

  private static String quoted(String value) {
    return value == null ? "(none)" : "\"" + value + "\"";
  }
}
