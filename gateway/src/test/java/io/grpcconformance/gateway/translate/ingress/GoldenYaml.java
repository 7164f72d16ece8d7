package io.grpcconformance.gateway.translate.ingress;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tiny block-style YAML writer for golden files: one scalar per line, never wrapped, plain when
 * unambiguous and double-quoted otherwise, so diffs stay readable.
 */
final class GoldenYaml {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/][A-Za-z0-9_./*@=+()\\- ]*");
  private static final Pattern RESERVED =
      Pattern.compile("(?i)true|false|null|yes|no|on|off|~|[-+]?[0-9][0-9._]*");

  private GoldenYaml() {}

  static String write(Map<String, ?> document) {
    StringBuilder out = new StringBuilder();
    map(out, document, 0);
    return out.toString();
  }

  private static void map(StringBuilder out, Map<String, ?> map, int indent) {
    boolean first = true;
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      // The first key of a list item shares the "- " line.
      if (!first || indent == 0 || out.charAt(out.length() - 1) == '\n') {
        out.append(" ".repeat(indent));
      }
      first = false;
      out.append(entry.getKey()).append(':');
      value(out, entry.getValue(), indent);
    }
  }

  private static void value(StringBuilder out, Object value, int indent) {
    if (value instanceof Map<?, ?> m && !m.isEmpty()) {
      out.append('\n');
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) m;
      map(out, typed, indent + 2);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      out.append('\n');
      for (Object item : list) {
        out.append(" ".repeat(indent)).append("- ");
        if (item instanceof Map<?, ?> m && !m.isEmpty()) {
          @SuppressWarnings("unchecked")
          Map<String, ?> typed = (Map<String, ?>) m;
          map(out, typed, indent + 2);
        } else {
          out.append(scalar(item)).append('\n');
        }
      }
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?>) {
      return "{}";
    }
    if (value instanceof List<?>) {
      return "[]";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    String text = value.toString();
    if (PLAIN.matcher(text).matches() && !text.endsWith(" ") && !RESERVED.matcher(text).matches()) {
      return text;
    }
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
  }
}
