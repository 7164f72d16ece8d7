package io.grpcconformance.bench.systems;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the configuration templates in {@code bench/conf}: every {@code ${NAME}} is replaced by
 * its value; a placeholder without a value is an error naming the template and the placeholder.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  private Template() {}

  /** {@code text} with every placeholder replaced; {@code source} names it in errors. */
  public static String render(String text, Map<String, String> values, String source) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            source + ": no value for placeholder ${" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Renders {@code template} into {@code target}. */
  public static Path renderFile(Path template, Map<String, String> values, Path target)
      throws IOException {
    String text = Files.readString(template, StandardCharsets.UTF_8);
    Files.createDirectories(target.getParent());
    Files.writeString(target, render(text, values, template.toString()), StandardCharsets.UTF_8);
    return target;
  }
}
