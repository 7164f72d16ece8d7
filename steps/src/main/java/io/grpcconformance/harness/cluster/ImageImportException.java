package io.grpcconformance.harness.cluster;

/** An image could not be moved into the cluster; the message names the image, the command and its error. */
public final class ImageImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImageImportException(String message) {
    super(message);
  }

  public ImageImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
