package io.grpcconformance.harness.cluster;

import java.nio.file.Path;

/** Writes a local Docker image to a tar archive ({@code docker save}). */
public interface ImageArchiver {
  /** Saves the image to the target file; throws {@link ImageImportException} naming the image on failure. */
  void save(ImageRef image, Path target);
}
