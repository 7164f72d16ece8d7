package io.grpcconformance.bench;

import io.grpcconformance.bench.backend.EchoBackend;
import io.grpcconformance.bench.profile.JfrHotspots;
import io.grpcconformance.bench.profile.ProfileSettings;
import io.grpcconformance.bench.report.Aggregate;
import io.grpcconformance.bench.report.GcLog;
import io.grpcconformance.bench.report.Goals;
import io.grpcconformance.bench.report.Machine;
import io.grpcconformance.bench.report.Reports;
import io.grpcconformance.bench.report.RunReport;
import io.grpcconformance.bench.run.BackendProcess;
import io.grpcconformance.bench.run.BenchRun;
import io.grpcconformance.bench.run.BenchSettings;
import io.grpcconformance.bench.run.Scenario;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The benchmark harness's command line: {@code run} (what bench/run.sh calls), {@code backend}
 * (the echo backend process) and {@code hotspots} (summarise a JFR recording).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    subcommands = {BenchMain.Run.class, BenchMain.Backend.class, BenchMain.Hotspots.class,
        BenchMain.DataPlaneOnly.class},
    description = "Gateway vs direct, HAProxy and nginx benchmark harness.")
public final class BenchMain implements Runnable {
  private static final int HOTSPOT_LIMIT = 25;

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new BenchMain());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("bench: error: " + e.getMessage());
      return 1;
    });
    System.exit(commandLine.execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "give a command: run, backend or hotspots");
  }

  /** The echo backend: prints {@code READY <port>} and serves until SIGTERM. */
  @Command(name = "backend", description = "Run the echo backend (one event loop, epoll).")
  static final class Backend implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Port, 0 = ephemeral.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind.")
    String bind;

    @Override
    public Integer call() throws Exception {
      EchoBackend backend = EchoBackend.start(bind, port);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        backend.close();
        stopped.countDown();
      }));
      System.out.println(BackendProcess.READY + backend.port());
      System.out.flush();
      stopped.await();
      return 0;
    }
  }

  /** The gateway's data plane alone, with the benchmark's routing table (GATEWAY_MODE=dataplane). */
  @Command(name = "dataplane",
      description = "Serve the benchmark's routes with the gateway's DataPlane, no control plane.")
  static final class DataPlaneOnly implements Callable<Integer> {
    @Option(names = "--plain-port", required = true) int plainPort;
    @Option(names = "--tls-port", required = true) int tlsPort;
    @Option(names = "--backend-port", required = true) int backendPort;

    @Override
    public Integer call() throws Exception {
      io.grpcconformance.gateway.dataplane.DataPlane dataPlane =
          io.grpcconformance.bench.dataplane.DataPlaneLauncher.start(plainPort, tlsPort,
              backendPort, System.out);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        dataPlane.close();
        stopped.countDown();
      }));
      stopped.await();
      return 0;
    }
  }

  /** Prints the hottest methods of a JFR recording. */
  @Command(name = "hotspots", description = "Summarise a JFR recording (execution samples).")
  static final class Hotspots implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The .jfr file.")
    Path recording;

    @Option(names = "--limit", defaultValue = "25", description = "Rows per table.")
    int limit;

    @Override
    public Integer call() throws Exception {
      JfrHotspots.print(recording, limit, System.out);
      return 0;
    }
  }

  /** One whole benchmark run; the defaults are bench/run.sh's. */
  @Command(name = "run", description = "Run every scenario on every system, write the reports.")
  static final class Run implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "3") int rounds;
    @Option(names = "--warmup-seconds", defaultValue = "12") int warmupSeconds;
    @Option(names = "--saturation-seconds", defaultValue = "6") int saturationSeconds;
    @Option(names = "--one-in-flight-seconds", defaultValue = "4") int oneInFlightSeconds;
    @Option(names = "--fixed-load-seconds", defaultValue = "5") int fixedLoadSeconds;
    @Option(names = "--streaming-seconds", defaultValue = "4") int streamingSeconds;
    @Option(names = "--sut-cpu", defaultValue = "0") int sutCpu;
    @Option(names = "--driver-cpu", defaultValue = "1") int driverCpu;
    @Option(names = "--h2load-connections", defaultValue = "4") int h2loadConnections;
    @Option(names = "--h2load-streams", defaultValue = "50") int h2loadStreams;
    @Option(names = "--payload-bytes", defaultValue = "10") int payloadBytes;
    @Option(names = "--load-fraction", defaultValue = "0.5") double loadFraction;
    @Option(names = "--load-connections", defaultValue = "4") int loadConnections;
    @Option(names = "--stream-connections", defaultValue = "2") int streamConnections;
    @Option(names = "--streams-per-connection", defaultValue = "8") int streamsPerConnection;
    @Option(names = "--messages-per-stream", defaultValue = "1000") int messagesPerStream;
    @Option(names = "--systems", defaultValue = "D,G,H,N") String systems;
    @Option(names = "--scenarios",
        defaultValue = "unary_h2c,unary_tls,one_in_flight,fixed_load,server_streaming")
    String scenarios;
    @Option(names = "--foreign-max-percent", defaultValue = "20") double foreignMaxPercent;
    @Option(names = "--settle-millis", defaultValue = "300") long settleMillis;
    @Option(names = "--conf-dir", defaultValue = "bench/conf") Path confDir;
    @Option(names = "--out-dir", defaultValue = "target/bench") Path outDir;
    @Option(names = "--gateway-jar", defaultValue = "gateway/target/gateway.jar") Path gatewayJar;
    @Option(names = "--gateway-jvm-opts",
        defaultValue =
            "-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1 -XX:+UseZGC")
    String gatewayJvmOpts;
    @Option(names = "--gateway-mode", defaultValue = "standalone",
        description = "standalone: java -jar gateway.jar standalone; dataplane: the DataPlane "
            + "alone with the same routes (BenchMain dataplane).")
    String gatewayMode;
    @Option(names = "--gateway-jfr", defaultValue = "false", arity = "1",
        description = "Record the gateway with JFR (profile settings) and print its hotspots.")
    boolean gatewayJfr;
    @Option(names = "--backend-jvm-opts",
        defaultValue = "-Xms256m -Xmx256m -XX:ActiveProcessorCount=1")
    String backendJvmOpts;
    @Option(names = "--bench-jar", defaultValue = "bench/target/benchmarks.jar") Path benchJar;

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      Path outDir = this.outDir.toAbsolutePath();
      Path gcLog = outDir.resolve("work/gateway-gc.log");
      Path jfr = outDir.resolve("gateway.jfr");
      Files.deleteIfExists(gcLog);
      Files.deleteIfExists(jfr);
      List<String> gatewayOptions = new ArrayList<>(split(gatewayJvmOpts));
      gatewayOptions.add("-Xlog:gc*:file=" + gcLog + ":uptime,level,tags");
      // Benchmarks run without Netty's leak detector (performance.md §5b), shaded property name.
      gatewayOptions.add("-Dio.grpc.netty.shaded.io.netty.leakDetection.level=disabled");
      if (gatewayJfr) {
        Path jfc = ProfileSettings.write(outDir.resolve("work"));
        gatewayOptions.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=" + jfc);
      }
      BenchSettings settings = new BenchSettings(rounds, Duration.ofSeconds(warmupSeconds),
          Duration.ofSeconds(saturationSeconds), Duration.ofSeconds(oneInFlightSeconds),
          Duration.ofSeconds(fixedLoadSeconds), Duration.ofSeconds(streamingSeconds), sutCpu,
          driverCpu, h2loadConnections, h2loadStreams, payloadBytes, loadFraction,
          loadConnections, streamConnections, streamsPerConnection, messagesPerStream,
          split(systems.replace(',', ' ')),
          split(scenarios.replace(',', ' ')).stream().map(Scenario::byKey).toList(),
          foreignMaxPercent, Duration.ofMillis(settleMillis), confDir.toAbsolutePath(), outDir,
          gatewayJar.toAbsolutePath(), gatewayMode, gatewayOptions, split(backendJvmOpts),
          benchJar.toAbsolutePath());
      String machine = Machine.describe();
      out.println("bench: " + machine);
      BenchRun.RunOutcome outcome = new BenchRun(settings, out).run(partial -> {
        try {
          Reports.write(report(machine, partial, gcLog), outDir); // kept if the run is cut short
        } catch (java.io.IOException | RuntimeException e) {
          out.println("bench: could not write the reports so far: " + e.getMessage());
        }
      });
      String markdown = Reports.write(report(machine, outcome, gcLog), outDir);
      out.println();
      out.println(markdown);
      out.println("bench: wrote " + outDir.resolve("results.json") + ", results.md, chart.png");
      if (gatewayJfr && Files.isRegularFile(jfr)) {
        Path hotspots = outDir.resolve("hotspots.txt");
        try (PrintStream file = new PrintStream(Files.newOutputStream(hotspots), true, "UTF-8")) {
          JfrHotspots.print(jfr, HOTSPOT_LIMIT, file);
        }
        out.println("bench: gateway hotspots in " + hotspots);
      }
      return 0;
    }

    private RunReport report(String machine, BenchRun.RunOutcome outcome, Path gcLog)
        throws java.io.IOException {
      Map<String, Map<String, Aggregate>> results = Aggregate.of(outcome.measurements());
      GcLog gc = GcLog.read(gcLog);
      double pauseInWindows = outcome.gatewayWindows().isEmpty() ? Double.NaN
          : gc.maxPauseWithin(outcome.gatewayWindows());
      // A run cut short reports the rounds it completed.
      int measuredRounds = outcome.measurements().stream()
          .mapToInt(io.grpcconformance.bench.report.Measurement::round).max().orElse(0);
      return new RunReport(machine, measuredRounds, results, outcome.measurements(),
          outcome.labels(),
          outcome.unavailable(), outcome.fixedRate(), gc, pauseInWindows,
          Goals.evaluate(results, pauseInWindows), settingsMap());
    }

    private Map<String, String> settingsMap() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("rounds", Integer.toString(rounds));
      m.put("warmup_seconds", Integer.toString(warmupSeconds));
      m.put("saturation_seconds", Integer.toString(saturationSeconds));
      m.put("one_in_flight_seconds", Integer.toString(oneInFlightSeconds));
      m.put("fixed_load_seconds", Integer.toString(fixedLoadSeconds));
      m.put("streaming_seconds", Integer.toString(streamingSeconds));
      m.put("sut_cpu", Integer.toString(sutCpu));
      m.put("driver_cpu", Integer.toString(driverCpu));
      m.put("h2load", "-t1 -c" + h2loadConnections + " -m" + h2loadStreams);
      m.put("payload_bytes", Integer.toString(payloadBytes));
      m.put("load_fraction", Double.toString(loadFraction));
      m.put("load_connections", Integer.toString(loadConnections));
      m.put("streaming", streamConnections + " connections x " + streamsPerConnection
          + " streams x " + messagesPerStream + " messages");
      m.put("foreign_max_percent", Double.toString(foreignMaxPercent));
      m.put("gateway_mode", gatewayMode);
      m.put("gateway_jvm_opts", gatewayJvmOpts);
      m.put("gateway_jfr", Boolean.toString(gatewayJfr));
      m.put("backend_jvm_opts", backendJvmOpts);
      return m;
    }

    private static List<String> split(String text) {
      return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
  }
}
