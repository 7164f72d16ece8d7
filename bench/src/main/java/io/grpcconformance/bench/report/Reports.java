package io.grpcconformance.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes results.json, results.md and chart.png into the output folder. */
public final class Reports {
  private Reports() {}

  /** Writes the three files and returns the Markdown. */
  public static String write(RunReport report, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Files.writeString(outDir.resolve("results.json"), ResultsJson.render(report),
        StandardCharsets.UTF_8);
    String markdown = MarkdownReport.render(report);
    Files.writeString(outDir.resolve("results.md"), markdown, StandardCharsets.UTF_8);
    ChartRenderer.write(report, outDir.resolve("chart.png"));
    return markdown;
  }
}
