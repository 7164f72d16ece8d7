package io.grpcconformance.gateway.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository root from the module directory tests run in. */
final class RepoPaths {
  private RepoPaths() {}

  /**
   * The nearest ancestor of the working directory holding both {@code pom.xml} and {@code
   * manifests/}.
   */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("manifests"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root (pom.xml + manifests/) above " + dir);
  }

  /** {@code manifests/bad-input} of the repository. */
  static Path badInputCorpus() {
    return root().resolve("manifests").resolve("bad-input");
  }
}
