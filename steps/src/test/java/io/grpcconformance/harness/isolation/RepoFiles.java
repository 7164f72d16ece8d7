package io.grpcconformance.harness.isolation;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds repository files from a test's working directory (the module, or the repository root). */
final class RepoFiles {

  private RepoFiles() {}

  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
