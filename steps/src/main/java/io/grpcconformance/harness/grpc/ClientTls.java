package io.grpcconformance.harness.grpc;

import java.util.Objects;
import java.util.Optional;

/**
 * How a probe does TLS: trust exactly the given PEM certificates (strict: chain and hostname are
 * verified against the authority), or trust anything (to look at whatever certificate is served).
 * The SNI is the authority's host.
 *
 * @param trustedCertificatesPem PEM certificates to trust; empty means trust all
 */
public record ClientTls(Optional<String> trustedCertificatesPem) {
  public ClientTls {
    Objects.requireNonNull(trustedCertificatesPem, "trustedCertificatesPem");
  }

  /** Verify the chain against {@code caPem} and the hostname against the authority. */
  public static ClientTls trusting(String caPem) {
    return new ClientTls(Optional.of(caPem));
  }

  /** Accept any certificate; for inspecting fallback certificates. */
  public static ClientTls trustAll() {
    return new ClientTls(Optional.empty());
  }

  public boolean isTrustAll() {
    return trustedCertificatesPem.isEmpty();
  }

  @Override
  public String toString() {
    return isTrustAll() ? "tls(trust-all)" : "tls(trusting given CA)";
  }
}
