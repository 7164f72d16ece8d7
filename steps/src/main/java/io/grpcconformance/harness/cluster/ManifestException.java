package io.grpcconformance.harness.cluster;

/** A manifest that cannot be used; the message is one line naming the file, the document and the field. */
public final class ManifestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
