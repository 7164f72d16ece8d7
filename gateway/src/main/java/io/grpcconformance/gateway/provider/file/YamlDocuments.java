package io.grpcconformance.gateway.provider.file;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a multi-document YAML file on its {@code ---} lines so each document can be parsed on its
 * own: a broken document then cannot take its neighbours down with it.
 */
final class YamlDocuments {
  /** A document marker line: {@code ---} alone or followed by whitespace or a comment. */
  private static final Pattern MARKER = Pattern.compile("---(\\s.*)?");
  /** The end-of-document marker {@code ...}. */
  private static final Pattern END = Pattern.compile("\\.\\.\\.(\\s.*)?");

  /**
   * One document.
   *
   * @param index 1-based position in the file
   * @param firstLine 1-based line of the file where the document's text starts
   * @param text the document without its marker line
   */
  record Document(int index, int firstLine, String text) {}

  private YamlDocuments() {}

  /**
   * The documents of {@code content}, blank ones (only whitespace or comments) left out but
   * counted, as a YAML stream counts them. Text before the first marker is a document only when
   * it is not blank.
   */
  static List<Document> split(String content) {
    List<Document> documents = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    StringBuilder current = new StringBuilder();
    int start = 1;
    int index = 0;
    boolean explicit = false; // whether the current document was opened by a marker
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean marker = MARKER.matcher(line).matches();
      boolean end = END.matcher(line).matches();
      if (marker || end) {
        if (explicit || !isBlank(current)) {
          index++;
          add(documents, index, start, current);
        }
        current.setLength(0);
        start = i + 2;
        explicit = marker;
        if (marker && line.length() > 3 && !line.substring(3).trim().startsWith("#")) {
          // "--- value": the document's content starts on the marker line itself.
          current.append(line.substring(3)).append('\n');
          start = i + 1;
        }
      } else {
        current.append(line).append('\n');
      }
    }
    if (explicit || !isBlank(current)) {
      index++;
      add(documents, index, start, current);
    }
    return documents;
  }

  private static void add(List<Document> documents, int index, int start, StringBuilder text) {
    if (!isBlank(text)) {
      documents.add(new Document(index, start, text.toString()));
    }
  }

  /** Blank means only whitespace and comment lines. */
  private static boolean isBlank(CharSequence text) {
    for (String line : text.toString().split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        return false;
      }
    }
    return true;
  }
}
