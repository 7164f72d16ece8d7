package io.grpcconformance.harness.cluster;

import java.nio.file.Path;
import java.util.List;

/** The two things image import needs from a running container: copy a file in, run a command. */
public interface ContainerShell {
  /** Copies a host file to a path inside the container. */
  void copyToContainer(Path hostFile, String containerPath);

  /** Runs a command inside the container and returns its outcome (never throws for a non-zero exit). */
  ExecOutcome exec(List<String> command);
}
