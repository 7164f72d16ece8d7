package io.grpcconformance.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code docker save} through docker-java (the Docker client Testcontainers already configured). */
public final class DockerImageArchiver implements ImageArchiver {
  private final DockerClient docker;

  public DockerImageArchiver(DockerClient docker) {
    this.docker = docker;
  }

  @Override
  public void save(ImageRef image, Path target) {
    try (InputStream tar = docker.saveImageCmd(image.repository()).withTag(image.tag()).exec()) {
      Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      throw new ImageImportException("docker save " + image + " failed: " + e.getMessage()
          + " (fix: " + JibImages.BUILD_COMMAND + ")", e);
    }
  }
}
