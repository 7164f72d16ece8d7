package io.grpcconformance.cli;

/**
 * A command's one-line failure: the message printed after {@code error: } on stderr and the exit
 * code. Messages never contain secret values (metadata values, keys); they name the input instead.
 */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CliFailure(int exitCode, String message) {
    // One line, whatever the underlying library put into its message.
    super(message.replaceAll("\\s*\\R\\s*", " ").strip(), null, false, false);
    this.exitCode = exitCode;
  }

  /** Bad input: usage, a malformed option value, an unknown method, a request that does not fit. */
  static CliFailure badInput(String message) {
    return new CliFailure(ConformanceCli.EXIT_BAD_INPUT, message);
  }

  /** The remote side failed or could not be reached. */
  static CliFailure remote(String message) {
    return new CliFailure(ConformanceCli.EXIT_FAILURE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
