package io.grpcconformance.harness.isolation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Pod-by-pod tables in the upstream e2e layout ({@code -} then destinations; one row per source),
 * columns padded to their widest cell so that marks and numbers line up.
 */
final class Tables {

  private Tables() {}

  static String render(List<String> pods, BiFunction<String, String, String> cell) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("-");
    header.addAll(pods);
    rows.add(header);
    for (String from : pods) {
      List<String> row = new ArrayList<>();
      row.add(from);
      for (String to : pods) {
        row.add(cell.apply(from, to));
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String text = row.get(i);
        out.append(text);
        if (i < row.size() - 1) {
          out.append(" ".repeat(widths[i] - text.length() + 1));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }
}
