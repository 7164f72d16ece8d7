package io.grpcconformance.netpol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Text forms of a {@link Matrix}: the upstream e2e table and the JSON object, both ways. */
final class MatrixText {

  private MatrixText() {}

  /**
   * A table like upstream {@code TruthTable.PrettyPrint}: a header {@code -} followed by the
   * destinations, then one row per source. Columns are padded with spaces to their header's width
   * (rather than tab-separated) so that long pod names stay aligned.
   */
  static String table(List<String> pods, BiFunction<String, String, String> mark) {
    int first = 1;
    for (String pod : pods) {
      first = Math.max(first, pod.length());
    }
    List<Integer> widths = new ArrayList<>();
    widths.add(first);
    pods.forEach(p -> widths.add(p.length()));
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("-");
    header.addAll(pods);
    appendRow(out, header, widths);
    for (String from : pods) {
      List<String> row = new ArrayList<>();
      row.add(from);
      for (String to : pods) {
        row.add(mark.apply(from, to));
      }
      appendRow(out, row, widths);
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, List<Integer> widths) {
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      out.append(cell);
      if (i < cells.size() - 1) {
        out.append(" ".repeat(Math.max(0, widths.get(i) - cell.length()) + 1));
      }
    }
    out.append('\n');
  }

  static String json(Matrix matrix) {
    StringBuilder out = new StringBuilder("{\n");
    List<String> pods = matrix.pods();
    for (int i = 0; i < pods.size(); i++) {
      String from = pods.get(i);
      out.append("  ").append(quote(from)).append(": {");
      for (int j = 0; j < pods.size(); j++) {
        String to = pods.get(j);
        out.append(quote(to)).append(": ").append(matrix.allowed(from, to));
        if (j < pods.size() - 1) {
          out.append(", ");
        }
      }
      out.append(i < pods.size() - 1 ? "},\n" : "}\n");
    }
    return out.append("}\n").toString();
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static Matrix parseTable(String text) {
    List<String> columns = null;
    Map<String, String[]> rows = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] tokens = line.split("\\s+");
      if (columns == null) {
        if (!tokens[0].equals("-")) {
          throw new IllegalArgumentException(
              "line " + (n + 1) + ": a matrix table starts with a header '-' then the pods");
        }
        columns = List.of(tokens).subList(1, tokens.length);
        continue;
      }
      if (tokens.length != columns.size() + 1) {
        throw new IllegalArgumentException(
            "line "
                + (n + 1)
                + ": row "
                + tokens[0]
                + " has "
                + (tokens.length - 1)
                + " cells, the header has "
                + columns.size()
                + " pods");
      }
      if (rows.put(tokens[0], tokens) != null) {
        throw new IllegalArgumentException("line " + (n + 1) + ": row " + tokens[0] + " repeated");
      }
    }
    if (columns == null) {
      throw new IllegalArgumentException("no matrix table found");
    }
    if (!rows.keySet().equals(new HashSet<>(columns)) || rows.size() != columns.size()) {
      throw new IllegalArgumentException(
          "the rows " + rows.keySet() + " are not the header's pods " + columns);
    }
    Matrix.Builder builder = Matrix.builder(columns, false);
    for (String[] row : rows.values()) {
      for (int j = 0; j < columns.size(); j++) {
        String cell = row[j + 1];
        if (!cell.equals(".") && !cell.equals("X")) {
          throw new IllegalArgumentException(
              "row "
                  + row[0]
                  + ", column "
                  + columns.get(j)
                  + ": '"
                  + cell
                  + "' is neither '.' (allowed) nor 'X' (blocked)");
        }
        builder.set(row[0], columns.get(j), cell.equals("."));
      }
    }
    return builder.build();
  }

  static Matrix parseJson(String json) {
    JsonNode root;
    try {
      root = JsonMapper.builder().build().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a matrix is a JSON object keyed by source pod");
    }
    List<String> pods = new ArrayList<>(root.propertyNames());
    Matrix.Builder builder = Matrix.builder(pods, false);
    for (String from : pods) {
      JsonNode row = root.get(from);
      if (!row.isObject() || row.size() != pods.size()) {
        throw new IllegalArgumentException(
            "row " + from + " must be an object with one boolean per pod (" + pods.size() + ")");
      }
      for (Iterator<String> it = row.propertyNames().iterator(); it.hasNext(); ) {
        String to = it.next();
        JsonNode cell = row.get(to);
        if (!pods.contains(to) || !cell.isBoolean()) {
          throw new IllegalArgumentException(
              "row " + from + ", column " + to + ": expected a boolean for a known pod");
        }
        builder.set(from, to, cell.booleanValue());
      }
    }
    return builder.build();
  }
}
