package io.grpcconformance.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * target/bench/chart.png, drawn with Java2D (no plotting dependency): six panels of grouped bars,
 * one bar per system (D, G, H, N) with its median value written on it.
 */
public final class ChartRenderer {
  private static final int WIDTH = 1500;
  private static final int HEIGHT = 950;
  private static final int COLUMNS = 3;
  private static final int ROWS = 2;
  private static final int HEADER = 70;
  private static final List<String> SYSTEMS = List.of("D", "G", "H", "N");
  private static final List<Color> COLORS = List.of(new Color(0x8c8c8c), new Color(0x1f77b4),
      new Color(0x2ca02c), new Color(0xff7f0e));
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font VALUE = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

  /** One bar group: a label and how to read the value from an aggregate. */
  private record Group(String label, String scenario, ToDoubleFunction<Aggregate> metric) {}

  /** One panel: a title, its groups, and whether its axis is logarithmic (latencies). */
  private record Panel(String title, String format, List<Group> groups, boolean log) {
    Panel(String title, String format, List<Group> groups) {
      this(title, format, groups, false);
    }
  }

  private ChartRenderer() {}

  /** Draws the chart for {@code report} into {@code file}. */
  public static void write(RunReport report, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    header(g, report);
    Ratios ratios = new Ratios(report.results());
    List<Panel> panels = List.of(
        new Panel("Unary throughput (calls/s, higher is better)", "%,.0f", List.of(
            new Group("h2c", "unary_h2c", Aggregate::rps),
            new Group("TLS at the proxy", "unary_tls", Aggregate::rps))),
        new Panel("CPU per call (µs, lower is better)", "%.1f", List.of(
            new Group("unary h2c", "unary_h2c", Aggregate::cpuUsPerCall),
            new Group("unary TLS", "unary_tls", Aggregate::cpuUsPerCall),
            new Group("fixed load", "fixed_load", Aggregate::cpuUsPerCall))),
        new Panel("Latency, one call in flight (µs, log scale)", "%.0f", List.of(
            new Group("p50", "one_in_flight", Aggregate::p50Us),
            new Group("p99", "one_in_flight", Aggregate::p99Us),
            new Group("p99.9", "one_in_flight", Aggregate::p999Us)), true),
        new Panel(Double.isNaN(report.fixedRate()) ? "Latency at fixed load (µs, log scale)"
            : String.format("Latency at %,.0f calls/s (µs, log scale)", report.fixedRate()), "%.0f",
            List.of(
            new Group("p50", "fixed_load", Aggregate::p50Us),
            new Group("p99", "fixed_load", Aggregate::p99Us),
            new Group("p99.9", "fixed_load", Aggregate::p999Us)), true),
        new Panel("Server streaming (messages/s)", "%,.0f", List.of(
            new Group("10 B messages", "server_streaming", Aggregate::rps))),
        new Panel("CPU per streamed message (µs)", "%.2f", List.of(
            new Group("10 B messages", "server_streaming", Aggregate::cpuUsPerCall))));
    int panelWidth = WIDTH / COLUMNS;
    int panelHeight = (HEIGHT - HEADER) / ROWS;
    for (int i = 0; i < panels.size(); i++) {
      int x = (i % COLUMNS) * panelWidth;
      int y = HEADER + (i / COLUMNS) * panelHeight;
      panel(g, ratios, panels.get(i), x, y, panelWidth, panelHeight);
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  private static void header(Graphics2D g, RunReport report) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString("gRPC gateway benchmark: medians of " + report.rounds() + " rounds", 20, 28);
    g.setFont(LABEL);
    g.drawString(report.machine(), 20, 50);
    int x = WIDTH - 560;
    for (int i = 0; i < SYSTEMS.size(); i++) {
      String id = SYSTEMS.get(i);
      g.setColor(COLORS.get(i));
      g.fillRect(x, 16, 14, 14);
      g.setColor(Color.BLACK);
      String name = switch (id) {
        case "D" -> "D direct";
        case "G" -> "G gateway";
        case "H" -> "H HAProxy";
        default -> "N nginx";
      };
      g.drawString(name, x + 20, 28);
      x += 130;
    }
  }

  private static void panel(Graphics2D g, Ratios ratios, Panel panel, int x, int y, int w, int h) {
    int left = x + 60;
    int right = x + w - 20;
    int top = y + 40;
    int bottom = y + h - 45;
    g.setColor(Color.BLACK);
    g.setFont(TITLE);
    g.drawString(panel.title(), x + 20, y + 22);
    double max = 0;
    for (Group group : panel.groups()) {
      for (String s : SYSTEMS) {
        double v = ratios.value(s, group.scenario(), group.metric());
        if (!Double.isNaN(v)) {
          max = Math.max(max, v);
        }
      }
    }
    Axis axis = panel.log() ? Axis.log(max) : Axis.linear(max);
    g.setFont(VALUE);
    g.setStroke(new BasicStroke(1f));
    for (double tick : axis.ticks()) {
      int ty = bottom - (int) Math.round((bottom - top) * axis.fraction(tick));
      g.setColor(new Color(0xe6e6e6));
      g.drawLine(left, ty, right, ty);
      g.setColor(Color.DARK_GRAY);
      String label = compact(tick);
      g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), ty + 4);
    }
    g.setColor(Color.BLACK);
    g.drawLine(left, bottom, right, bottom);
    int groupWidth = (right - left) / panel.groups().size();
    int barWidth = Math.min(40, (groupWidth - 20) / SYSTEMS.size());
    for (int gi = 0; gi < panel.groups().size(); gi++) {
      Group group = panel.groups().get(gi);
      int gx = left + gi * groupWidth + (groupWidth - barWidth * SYSTEMS.size()) / 2;
      for (int si = 0; si < SYSTEMS.size(); si++) {
        double v = ratios.value(SYSTEMS.get(si), group.scenario(), group.metric());
        int bx = gx + si * barWidth;
        if (Double.isNaN(v)) {
          g.setColor(Color.GRAY);
          g.setFont(VALUE);
          g.drawString("n/a", bx + 4, bottom - 4);
          continue;
        }
        int bh = (int) Math.round((bottom - top) * axis.fraction(v));
        g.setColor(COLORS.get(si));
        g.fillRect(bx + 2, bottom - bh, barWidth - 4, bh);
        g.setColor(Color.BLACK);
        g.setFont(VALUE);
        String text = String.format(panel.format(), v);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, bx + barWidth / 2 - fm.stringWidth(text) / 2, bottom - bh - 3);
      }
      g.setFont(LABEL);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(group.label(), left + gi * groupWidth + groupWidth / 2
          - fm.stringWidth(group.label()) / 2, bottom + 18);
    }
  }

  /** A y axis: linear from 0 with a 1-2-5 step, or logarithmic from 1 in decades. */
  private record Axis(boolean log, double top, List<Double> ticks) {
    static Axis linear(double max) {
      double step = niceStep(max <= 0 ? 1 : max * 1.15 / 4);
      List<Double> ticks = new java.util.ArrayList<>();
      for (int i = 0; i <= 5 && (i == 0 || ticks.get(ticks.size() - 1) < max * 1.1); i++) {
        ticks.add(i * step);
      }
      return new Axis(false, ticks.get(ticks.size() - 1), ticks);
    }

    static Axis log(double max) {
      double top = Math.pow(10, Math.ceil(Math.log10(Math.max(10, max * 1.5))));
      List<Double> ticks = new java.util.ArrayList<>();
      for (double t = 1; t <= top; t *= 10) {
        ticks.add(t);
      }
      return new Axis(true, top, ticks);
    }

    /** Where {@code v} sits between the bottom (0) and the top (1) of the axis. */
    double fraction(double v) {
      if (log) {
        return v <= 1 ? 0 : Math.log10(v) / Math.log10(top);
      }
      return top <= 0 ? 0 : v / top;
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double normalized = raw / magnitude;
      double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10;
      return nice * magnitude;
    }
  }

  /** 1234567 → 1.2M, 45000 → 45k, 12.5 → 12.5. */
  static String compact(double v) {
    if (v >= 1e6) {
      return String.format("%.1fM", v / 1e6);
    }
    if (v >= 1e4) {
      return String.format("%.0fk", v / 1e3);
    }
    if (v >= 100) {
      return String.format("%.0f", v);
    }
    return String.format("%.1f", v);
  }
}
