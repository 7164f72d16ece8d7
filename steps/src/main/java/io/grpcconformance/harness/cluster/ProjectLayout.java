package io.grpcconformance.harness.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the repository's top-level folders are (manifests/, lab/, cluster-config.yaml), found from any module. */
public final class ProjectLayout {
  /** System property naming the repository root explicitly. */
  public static final String ROOT_PROPERTY = "conformance.projectRoot";

  private final Path root;

  private ProjectLayout(Path root) {
    this.root = root;
  }

  /** The root from {@code -Dconformance.projectRoot}, else the nearest ancestor of the working directory holding steps/pom.xml. */
  public static ProjectLayout discover() {
    String explicit = System.getProperty(ROOT_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return new ProjectLayout(Path.of(explicit).toAbsolutePath().normalize());
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    return find(start).map(ProjectLayout::new).orElseThrow(() -> new IllegalStateException(
        "cannot find the repository root above " + start
            + " (fix: run from the repository or set -D" + ROOT_PROPERTY + "=DIR)"));
  }

  /** A layout rooted at the given directory. */
  public static ProjectLayout at(Path root) {
    return new ProjectLayout(root.toAbsolutePath().normalize());
  }

  static Optional<Path> find(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("steps/pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  public Path root() {
    return root;
  }

  /** {@code manifests/} */
  public Path manifests() {
    return root.resolve("manifests");
  }

  /** {@code manifests/<sub>} */
  public Path manifests(String sub) {
    return manifests().resolve(sub);
  }

  /** {@code cluster-config.yaml}, the KIND lab's cluster definition. */
  public Path kindClusterConfig() {
    return root.resolve("cluster-config.yaml");
  }
}
