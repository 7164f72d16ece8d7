package io.grpcconformance.gateway.tls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generated certificate with its private key and the certificates of its issuers (empty when
 * self-signed). {@link #toString()} never shows the key.
 *
 * @param certificate the leaf (or CA) certificate
 * @param privateKey its private key
 * @param issuers the issuing CA certificates, nearest first; not including {@code certificate}
 */
public record IssuedCertificate(
    X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {

  /** PEM encodings of a private key. */
  public enum KeyFormat {
    /** {@code PRIVATE KEY} (PKCS#8), what Kubernetes and most tools write. */
    PKCS8,
    /** OpenSSL's traditional {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1). */
    TRADITIONAL
  }

  /** Where {@link #writeTo} put the files. */
  public record Files(Path certificateChain, Path privateKey) {}

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    issuers = List.copyOf(issuers);
  }

  /** Leaf first, then the issuers. */
  public List<X509Certificate> chain() {
    List<X509Certificate> chain = new ArrayList<>(issuers.size() + 1);
    chain.add(certificate);
    chain.addAll(issuers);
    return List.copyOf(chain);
  }

  /** The certificate alone as one PEM {@code CERTIFICATE} block. */
  public String certificatePem() {
    return PemEncoding.certificates(List.of(certificate));
  }

  /** The whole chain as PEM, leaf first (what a {@code tls.crt} holds). */
  public String chainPem() {
    return PemEncoding.certificates(chain());
  }

  /** The private key as PKCS#8 PEM. */
  public String privateKeyPem() {
    return privateKeyPem(KeyFormat.PKCS8);
  }

  /** The private key as PEM in {@code format}. */
  public String privateKeyPem(KeyFormat format) {
    return format == KeyFormat.PKCS8
        ? PemEncoding.pkcs8(privateKey)
        : PemEncoding.traditional(privateKey, certificate.getPublicKey());
  }

  /** The subject DN in RFC 2253 form, e.g. {@code CN=foo.example.com,O=Acme Co}. */
  public String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  /**
   * Writes {@code <baseName>.crt} (the chain) and {@code <baseName>.key} (PKCS#8, owner-only
   * permissions where the file system supports them) into {@code dir}, creating it if needed.
   */
  public Files writeTo(Path dir, String baseName) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Path crt = dir.resolve(baseName + ".crt");
    Path key = dir.resolve(baseName + ".key");
    java.nio.file.Files.writeString(crt, chainPem(), StandardCharsets.US_ASCII);
    java.nio.file.Files.deleteIfExists(key);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      java.nio.file.Files.createFile(key,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    java.nio.file.Files.writeString(key, privateKeyPem(), StandardCharsets.US_ASCII);
    return new Files(crt, key);
  }

  /** A {@code kubernetes.io/tls} Secret holding the chain and PKCS#8 key (base64 {@code data}). */
  public Secret toTlsSecret(String namespace, String name) {
    Base64.Encoder base64 = Base64.getEncoder();
    return new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
        .withType(PemCertificates.TLS_SECRET_TYPE)
        .withData(Map.of(
            PemCertificates.TLS_CERT_KEY,
            base64.encodeToString(chainPem().getBytes(StandardCharsets.US_ASCII)),
            PemCertificates.TLS_PRIVATE_KEY_KEY,
            base64.encodeToString(privateKeyPem().getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  /** This certificate as the data plane's {@link ServerCertificate} for SNI {@code hostname}. */
  public ServerCertificate toServerCertificate(String hostname, String source) {
    return new ServerCertificate(hostname, chain(), privateKey, source);
  }

  @Override
  public String toString() {
    return "IssuedCertificate[subject=" + subject() + ", notAfter="
        + certificate.getNotAfter().toInstant() + ", issuers=" + issuers.size() + "]";
  }
}
