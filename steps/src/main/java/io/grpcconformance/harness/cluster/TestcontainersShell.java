package io.grpcconformance.harness.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.MountableFile;

/** {@link ContainerShell} over a running Testcontainers container. */
public final class TestcontainersShell implements ContainerShell {
  private final GenericContainer<?> container;

  public TestcontainersShell(GenericContainer<?> container) {
    this.container = container;
  }

  @Override
  public void copyToContainer(Path hostFile, String containerPath) {
    container.copyFileToContainer(MountableFile.forHostPath(hostFile), containerPath);
  }

  @Override
  public ExecOutcome exec(List<String> command) {
    try {
      Container.ExecResult result = container.execInContainer(command.toArray(String[]::new));
      return new ExecOutcome(result.getExitCode(), result.getStdout(), result.getStderr());
    } catch (IOException e) {
      return new ExecOutcome(126, "", String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ExecOutcome(130, "", String.join(" ", command) + ": interrupted");
    }
  }
}
