package io.grpcconformance.gateway.tls;

/**
 * A certificate or private key that cannot be used, with a one-line reason. The message names the
 * source (e.g. {@code Secret default/foo-tls data[tls.key]}) and never contains key material; no
 * cause is attached so that a library's message can never leak PEM content into logs.
 */
public final class CertificateProblem extends Exception {
  private static final long serialVersionUID = 1L;

  public CertificateProblem(String message) {
    super(message);
  }
}
