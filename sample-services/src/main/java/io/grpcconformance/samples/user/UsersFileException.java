package io.grpcconformance.samples.user;

/**
 * A {@code --users} file that cannot be used; the message names the file and, when known, the line.
 */
public final class UsersFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** A problem at 1-based {@code line} (0 when no line applies) of {@code source}. */
  public UsersFileException(String source, int line, String problem) {
    super("users file " + source + (line > 0 ? ", line " + line : "") + ": " + problem);
  }
}
