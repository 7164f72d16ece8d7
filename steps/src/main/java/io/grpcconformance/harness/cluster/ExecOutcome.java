package io.grpcconformance.harness.cluster;

/**
 * The result of a command run in a container or on the host.
 *
 * @param exitCode the process exit code
 * @param stdout standard output
 * @param stderr standard error
 */
public record ExecOutcome(int exitCode, String stdout, String stderr) {
  public boolean succeeded() {
    return exitCode == 0;
  }

  /** The first non-blank line of stderr, else of stdout, for one-line error messages. */
  public String firstErrorLine() {
    for (String text : new String[] {stderr, stdout}) {
      if (text != null) {
        for (String line : text.split("\\R")) {
          if (!line.isBlank()) {
            return line.strip();
          }
        }
      }
    }
    return "(no output)";
  }
}
