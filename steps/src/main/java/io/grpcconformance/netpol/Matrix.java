package io.grpcconformance.netpol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * A reachability truth table: for every ordered pair of pods (source row, destination column),
 * whether a connection is allowed. Pods are keyed {@code namespace/name} and keep their order.
 * Immutable; build one with {@link #of} or {@link #builder}.
 */
public final class Matrix {

  private final List<String> pods;
  private final Map<String, Integer> index;
  private final boolean[][] cells;

  private Matrix(List<String> pods, boolean[][] cells) {
    this.pods = List.copyOf(pods);
    this.index = indexOf(this.pods);
    this.cells = cells;
  }

  /** A matrix over {@code pods} whose cell (from, to) is {@code allowed.test(from, to)}. */
  public static Matrix of(List<String> pods, BiPredicate<String, String> allowed) {
    Builder builder = builder(pods, false);
    for (String from : pods) {
      for (String to : pods) {
        builder.set(from, to, allowed.test(from, to));
      }
    }
    return builder.build();
  }

  /**
   * A builder over {@code pods} with every cell set to {@code initial} (upstream starts at true).
   */
  public static Builder builder(List<String> pods, boolean initial) {
    return new Builder(pods, initial);
  }

  /** A builder starting from this matrix's cells. */
  public Builder toBuilder() {
    Builder builder = new Builder(pods, false);
    for (int i = 0; i < pods.size(); i++) {
      builder.cells[i] = cells[i].clone();
    }
    return builder;
  }

  /** The pods, in row and column order. */
  public List<String> pods() {
    return pods;
  }

  /** Whether {@code from} may reach {@code to}. */
  public boolean allowed(String from, String to) {
    return cells[position(index, from)][position(index, to)];
  }

  /** How many cells are allowed. */
  public int allowedCount() {
    int count = 0;
    for (boolean[] row : cells) {
      for (boolean cell : row) {
        count += cell ? 1 : 0;
      }
    }
    return count;
  }

  /**
   * The upstream e2e table: header {@code -} then destinations, one row per source, {@code
   * .}/{@code X}.
   */
  public String toTable() {
    return MatrixText.table(pods, (from, to) -> allowed(from, to) ? "." : "X");
  }

  /**
   * JSON keyed source then destination: {@code {"x/a": {"x/a": true, ...}, ...}}, one row a line.
   */
  public String toJson() {
    return MatrixText.json(this);
  }

  /** Parses {@link #toTable()} output (or upstream's tab-separated tables). */
  public static Matrix parseTable(String text) {
    return MatrixText.parseTable(text);
  }

  /** Parses {@link #toJson()} output. */
  public static Matrix parseJson(String json) {
    return MatrixText.parseJson(json);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Matrix other) || !other.pods.equals(pods)) {
      return false;
    }
    return Arrays.deepEquals(cells, other.cells);
  }

  @Override
  public int hashCode() {
    return 31 * pods.hashCode() + Arrays.deepHashCode(cells);
  }

  @Override
  public String toString() {
    return toTable();
  }

  private static Map<String, Integer> indexOf(List<String> pods) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < pods.size(); i++) {
      if (index.put(pods.get(i), i) != null) {
        throw new IllegalArgumentException("pod listed twice: " + pods.get(i));
      }
    }
    return index;
  }

  private static int position(Map<String, Integer> index, String pod) {
    Integer at = index.get(pod);
    if (at == null) {
      throw new IllegalArgumentException("no pod " + pod + " in the matrix");
    }
    return at;
  }

  /**
   * Fills a matrix cell by cell or with the upstream {@code Reachability} helpers. Pod patterns are
   * {@code *} (any pod), {@code ns/*} (any pod of a namespace) or {@code ns/name}.
   */
  public static final class Builder {
    private final List<String> pods;
    private final Map<String, Integer> index;
    private final boolean[][] cells;

    private Builder(List<String> pods, boolean initial) {
      this.pods = List.copyOf(pods);
      this.index = indexOf(this.pods);
      this.cells = new boolean[pods.size()][pods.size()];
      for (boolean[] row : cells) {
        Arrays.fill(row, initial);
      }
    }

    /** Sets one cell (upstream {@code Expect}). */
    public Builder set(String from, String to, boolean allowed) {
      cells[position(index, from)][position(index, to)] = allowed;
      return this;
    }

    /**
     * Sets every cell whose source and destination match the patterns (upstream {@code
     * ExpectPeer}).
     */
    public Builder expect(String fromPattern, String toPattern, boolean allowed) {
      List<String> froms = select(fromPattern);
      List<String> tos = select(toPattern);
      for (String from : froms) {
        for (String to : tos) {
          set(from, to, allowed);
        }
      }
      return this;
    }

    /** Sets the whole column of {@code to} (upstream {@code ExpectAllIngress}). */
    public Builder allIngress(String to, boolean allowed) {
      return expect("*", to, allowed);
    }

    /** Sets the whole row of {@code from} (upstream {@code ExpectAllEgress}). */
    public Builder allEgress(String from, boolean allowed) {
      return expect(from, "*", allowed);
    }

    /** The finished, immutable matrix. */
    public Matrix build() {
      boolean[][] copy = new boolean[pods.size()][];
      for (int i = 0; i < pods.size(); i++) {
        copy[i] = cells[i].clone();
      }
      return new Matrix(pods, copy);
    }

    private List<String> select(String pattern) {
      List<String> selected = new ArrayList<>();
      for (String pod : pods) {
        if (matches(pattern, pod)) {
          selected.add(pod);
        }
      }
      if (selected.isEmpty()) {
        throw new IllegalArgumentException("pattern " + pattern + " matches no pod of the matrix");
      }
      return selected;
    }

    private static boolean matches(String pattern, String pod) {
      if (pattern.equals("*") || pattern.equals(pod)) {
        return true;
      }
      int slash = pattern.indexOf('/');
      if (slash < 0) {
        return false;
      }
      String ns = pattern.substring(0, slash);
      String name = pattern.substring(slash + 1);
      int podSlash = pod.indexOf('/');
      return (ns.equals("*") || ns.equals(pod.substring(0, podSlash)))
          && (name.equals("*") || name.equals(pod.substring(podSlash + 1)));
    }
  }
}
