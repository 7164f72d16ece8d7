package io.grpcconformance.harness.isolation;

import java.time.Duration;
import java.util.List;

/**
 * Runs a command inside a container of a pod (the Kubernetes exec API). The prober's only access to
 * the cluster; tests script it.
 */
@FunctionalInterface
public interface PodExec {

  /**
   * Runs {@code command} in container {@code container} of pod {@code namespace/pod} and waits at
   * most {@code timeout} for it to exit. Never throws for a failing command or exec: the result
   * says what happened.
   */
  ExecResult exec(
      String namespace, String pod, String container, List<String> command, Duration timeout);
}
