package io.grpcconformance.harness.isolation;

import java.util.Objects;

/**
 * One ordered pair of the matrix, by model pod keys ({@code x/a → y/b}).
 *
 * @param from source pod key
 * @param to destination pod key
 */
public record Cell(String from, String to) {
  public Cell {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** Whether source and destination are the same pod. */
  public boolean loopback() {
    return from.equals(to);
  }

  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
