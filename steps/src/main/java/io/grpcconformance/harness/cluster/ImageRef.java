package io.grpcconformance.harness.cluster;

/**
 * A container image reference split into repository and tag, e.g. {@code grpc-conformance/gateway:0.1.0}.
 *
 * @param repository the repository, with a registry host when one was given
 * @param tag the tag ({@code latest} when none was given)
 */
public record ImageRef(String repository, String tag) {

  /** Parses {@code [host[:port]/]path[:tag]}; digests are not supported (the suite pins tags). */
  public static ImageRef parse(String image) {
    if (image == null || image.isBlank() || image.contains("@")) {
      throw new IllegalArgumentException("image '" + image + "' is not of the form repository:tag");
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    // A colon before the last slash belongs to a registry port (localhost:5000/x), not to a tag.
    if (colon > slash) {
      return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
    }
    return new ImageRef(image, "latest");
  }

  /** The full name as containerd stores an image imported from {@code docker save}: {@code docker.io/...}. */
  public String containerdName() {
    String first = repository.contains("/") ? repository.substring(0, repository.indexOf('/')) : "";
    boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
    String path = hasRegistry ? repository
        : "docker.io/" + (repository.contains("/") ? repository : "library/" + repository);
    return path + ":" + tag;
  }

  /** A file-name-safe form, e.g. {@code grpc-conformance_gateway_0.1.0}. */
  public String fileName() {
    return (repository + "_" + tag).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}
