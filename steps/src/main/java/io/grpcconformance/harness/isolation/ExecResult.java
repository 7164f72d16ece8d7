package io.grpcconformance.harness.isolation;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one exec gave back.
 *
 * @param exitCode the command's exit status, when it exited within the timeout
 * @param stdout its standard output
 * @param stderr its standard error
 * @param failure why the exec itself failed (API error, timeout), when it did
 */
public record ExecResult(
    OptionalInt exitCode, String stdout, String stderr, Optional<String> failure) {

  public ExecResult {
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(failure, "failure");
  }

  /** A command that exited with {@code exitCode}. */
  public static ExecResult exited(int exitCode, String stdout, String stderr) {
    return new ExecResult(OptionalInt.of(exitCode), stdout, stderr, Optional.empty());
  }

  /** An exec that did not complete, with its partial output. */
  public static ExecResult failed(String why, String stdout, String stderr) {
    return new ExecResult(OptionalInt.empty(), stdout, stderr, Optional.of(why));
  }
}
