package io.grpcconformance.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {
  @TempDir Path dir;

  @Test
  void drawsAPngWithABarInEachSystemsColour() throws Exception {
    List<Measurement> windows = new ArrayList<>();
    String[] systems = {"D", "G", "H", "N"};
    for (int i = 0; i < systems.length; i++) {
      for (String scenario : List.of("unary_h2c", "unary_tls", "one_in_flight", "fixed_load",
          "server_streaming")) {
        if ("D".equals(systems[i]) && "unary_tls".equals(scenario)) {
          continue;
        }
        windows.add(new Measurement(1, systems[i], scenario, 5, 1000, 10_000.0 * (i + 1),
            10 + i, 10, 1, 50 + i, 150 + 10 * i, 4000 + i, 0, 0, true, "", 99, 50, 1));
      }
    }
    Map<String, Map<String, Aggregate>> results = Aggregate.of(windows);
    RunReport report = new RunReport("2 CPUs", 1, results, windows, Map.of(), Map.of(), 5000,
        new GcLog(0, 0, 0, ""), 1.0, Goals.evaluate(results, 1.0), Map.of());
    Path png = dir.resolve("chart.png");

    ChartRenderer.write(report, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1500);
    assertThat(image.getHeight()).isEqualTo(950);
    assertThat(Files.size(png)).isGreaterThan(10_000);
    // The gateway's blue (0x1f77b4) is drawn somewhere.
    boolean blue = false;
    for (int x = 0; x < image.getWidth() && !blue; x += 2) {
      for (int y = 0; y < image.getHeight() && !blue; y += 2) {
        blue = (image.getRGB(x, y) & 0xffffff) == 0x1f77b4;
      }
    }
    assertThat(blue).isTrue();
    if (System.getProperty("bench.chartCopy") != null) {
      Files.copy(png, Path.of(System.getProperty("bench.chartCopy")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void compactLabels() {
    assertThat(ChartRenderer.compact(1_234_567)).isEqualTo("1.2M");
    assertThat(ChartRenderer.compact(45_000)).isEqualTo("45k");
    assertThat(ChartRenderer.compact(250)).isEqualTo("250");
    assertThat(ChartRenderer.compact(12.5)).isEqualTo("12.5");
  }
}
