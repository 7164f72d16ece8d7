package io.grpcconformance.bench.systems;

import io.grpcconformance.gateway.tls.IssuedCertificate;
import io.grpcconformance.gateway.tls.SelfSignedCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The TLS material every proxy terminates with: one self-signed EC P-256 certificate for
 * {@code localhost} and {@code 127.0.0.1}, generated per run, written as PEM files (nginx), one
 * combined PEM (HAProxy) and base64 for the gateway's Secret. Key material is never logged.
 *
 * @param certificateFile the chain (PEM)
 * @param keyFile the PKCS#8 private key (PEM, owner-only)
 * @param combinedFile chain then key, what HAProxy's {@code crt} wants (owner-only)
 * @param certificateBase64 base64 of the chain PEM, for {@code tls.crt}
 * @param keyBase64 base64 of the key PEM, for {@code tls.key}
 */
public record BenchCertificates(Path certificateFile, Path keyFile, Path combinedFile,
    String certificateBase64, String keyBase64) {
  private static final Duration VALIDITY = Duration.ofDays(2);

  /** Generates a certificate into {@code dir}. */
  public static BenchCertificates generate(Path dir) throws IOException {
    IssuedCertificate issued = SelfSignedCertificates.selfSigned("localhost",
        List.of("localhost", "127.0.0.1"), VALIDITY);
    IssuedCertificate.Files files = issued.writeTo(dir, "bench");
    Path combined = dir.resolve("bench-combined.pem");
    Files.deleteIfExists(combined);
    Files.createFile(combined,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(combined, issued.chainPem() + issued.privateKeyPem(),
        StandardCharsets.US_ASCII);
    Base64.Encoder base64 = Base64.getEncoder();
    return new BenchCertificates(files.certificateChain(), files.privateKey(), combined,
        base64.encodeToString(issued.chainPem().getBytes(StandardCharsets.US_ASCII)),
        base64.encodeToString(issued.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
  }

  @Override
  public String toString() {
    return "BenchCertificates[" + certificateFile + "]";
  }
}
