package io.grpcconformance.harness.cluster;

import java.util.List;
import java.util.Locale;

/** The command lines that move a local Docker image into a cluster's containerd (k3s) or nodes (KIND). */
public final class ImageImportCommands {
  /** Scratch directory inside the k3s container for image archives. */
  public static final String CONTAINER_IMAGE_DIR = "/tmp/grpc-conformance-images";

  private ImageImportCommands() {}

  /**
   * {@code ctr -n k8s.io images import --platform linux/<arch> <tar>}: the namespace kubelet's CRI reads, and one
   * platform, so an archive written by Docker's containerd image store imports (cluster.md §1.5).
   */
  public static List<String> ctrImport(String platform, String archiveInContainer) {
    return List.of("ctr", "-n", "k8s.io", "images", "import", "--platform", platform, archiveInContainer);
  }

  /** {@code ctr -n k8s.io images ls -q}: the names of the images kubelet can use. */
  public static List<String> ctrList() {
    return List.of("ctr", "-n", "k8s.io", "images", "ls", "-q");
  }

  /** Where an image's archive is copied inside the k3s container. */
  public static String archivePathInContainer(ImageRef image) {
    return CONTAINER_IMAGE_DIR + "/" + image.fileName() + ".tar";
  }

  /** {@code rm -f <tar>}: frees the container's disk after an import. */
  public static List<String> removeArchive(String archiveInContainer) {
    return List.of("rm", "-f", archiveInContainer);
  }

  /** {@code kind load docker-image <image> --name <cluster>} (cluster.md §3.3). */
  public static List<String> kindLoadDockerImage(String image, String cluster) {
    return List.of("kind", "load", "docker-image", image, "--name", cluster);
  }

  /** {@code docker save --platform <platform> -o <tar> <image>}: one platform, for the containerd image store. */
  public static List<String> dockerSave(String platform, String archive, String image) {
    return List.of("docker", "save", "--platform", platform, "-o", archive, image);
  }

  /** {@code kind load image-archive <tar> --name <cluster>}: the containerd-image-store workaround (kind#3795). */
  public static List<String> kindLoadImageArchive(String archive, String cluster) {
    return List.of("kind", "load", "image-archive", archive, "--name", cluster);
  }

  /** The OCI platform for a Docker daemon architecture ({@code x86_64} → {@code linux/amd64}). */
  public static String platform(String dockerArchitecture) {
    String arch = dockerArchitecture == null ? "" : dockerArchitecture.strip().toLowerCase(Locale.ROOT);
    return switch (arch) {
      case "x86_64", "amd64" -> "linux/amd64";
      case "aarch64", "arm64" -> "linux/arm64";
      case "" -> throw new IllegalArgumentException("unknown Docker architecture (empty)");
      default -> "linux/" + arch;
    };
  }
}
