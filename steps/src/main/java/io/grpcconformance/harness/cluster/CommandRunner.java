package io.grpcconformance.harness.cluster;

import java.util.List;

/** Runs a host command (kind, docker) and returns its outcome. */
public interface CommandRunner {
  ExecOutcome run(List<String> command);
}
