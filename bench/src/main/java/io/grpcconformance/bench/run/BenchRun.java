package io.grpcconformance.bench.run;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpcconformance.bench.backend.EchoMethods;
import io.grpcconformance.bench.client.BackendStats;
import io.grpcconformance.bench.client.ClientTransport;
import io.grpcconformance.bench.proc.Pinning;
import io.grpcconformance.bench.report.Measurement;
import io.grpcconformance.bench.systems.BenchCertificates;
import io.grpcconformance.bench.systems.DirectSystem;
import io.grpcconformance.bench.systems.GatewaySystem;
import io.grpcconformance.bench.systems.HaproxySystem;
import io.grpcconformance.bench.systems.NginxSystem;
import io.grpcconformance.bench.systems.SystemContext;
import io.grpcconformance.bench.systems.SystemUnderTest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run: backend and systems up, preflight (every path answers, h2load's successes
 * match the backend's OK count), warm-up, then ROUNDS rounds in which every scenario runs on every
 * system in turn (interleaved D, G, H, N), then everything stopped. Systems that fail to start or
 * to pass preflight are reported and left out; the rest still run.
 */
public final class BenchRun {
  private static final Duration SHORT_WARMUP = Duration.ofSeconds(1);
  /** Warm-up ends once CPU per call moves less than this (relative) between two chunks. */
  private static final double WARMUP_STABLE_CHANGE = 0.10;

  private final BenchSettings settings;
  private final PrintStream out;
  private final Map<String, String> unavailable = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<Measurement> measurements = new ArrayList<>();
  /** The gateway's measured windows as JVM uptimes (seconds), to attribute GC pauses. */
  private final List<double[]> gatewayWindows = new ArrayList<>();
  private double candidateRate = Double.NaN;
  private double lockedRate = Double.NaN;

  public BenchRun(BenchSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /**
   * Runs everything; returns what was measured. {@code afterRound} receives what was measured so
   * far after every round, so that a run cut short still leaves its reports.
   */
  public RunOutcome run(java.util.function.Consumer<RunOutcome> afterRound)
      throws IOException, InterruptedException {
    Files.createDirectories(settings.logDir());
    String javaCommand = ProcessHandle.current().info().command().orElse("java");
    String selfPlacement =
        Pinning.ownViolation(ProcessHandle.current().pid(), settings.driverCpu(), "driver JVM");
    if (selfPlacement != null) {
      out.println("WARNING: " + selfPlacement + " (start BenchMain with taskset, as run.sh does)");
    }
    BenchCertificates certificates = BenchCertificates.generate(settings.workDir().resolve("tls"));
    List<SystemUnderTest> systems = new ArrayList<>();
    long started = System.nanoTime();
    try (BackendProcess backend = BackendProcess.start(settings, javaCommand);
        ClientTransport transport = new ClientTransport()) {
      ManagedChannel direct = transport.channel(SystemContext.LOOPBACK, backend.port());
      try {
        progress("echo backend on 127.0.0.1:" + backend.port() + " (pid " + backend.pid() + ")");
        SystemContext context = new SystemContext(settings.confDir(), settings.workDir(),
            settings.logDir(), certificates, backend.port(), settings.sutCpu(), javaCommand,
            settings.gatewayJar(), settings.gatewayMode(), settings.benchJar(),
            settings.gatewayJvmOptions());
        for (String id : settings.systems()) {
          SystemUnderTest sut = start(id, context, backend);
          if (sut != null) {
            systems.add(sut);
            labels.put(id, sut.label());
          }
        }
        H2loadDriver h2load =
            H2loadDriver.create(settings.workDir(), settings.payloadBytes(), settings.driverCpu());
        WindowRunner windows = new WindowRunner(settings, backend, direct, transport, h2load);
        systems.removeIf(sut -> !preflight(sut, transport, direct, h2load));
        warmUp(systems, windows);
        for (int round = 1; round <= settings.rounds(); round++) {
          for (Scenario scenario : settings.scenarios()) {
            for (SystemUnderTest sut : systems) {
              if (scenario == Scenario.UNARY_TLS && sut.tlsPort() < 0) {
                continue;
              }
              measure(windows, round, sut, scenario);
            }
          }
          afterRound.accept(outcome());
        }
        progress("echo backend totals: " + BackendStats.read(direct));
      } finally {
        for (SystemUnderTest sut : systems) {
          sut.close();
        }
        direct.shutdownNow();
        direct.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    progress(String.format("measured in %.0f s", (System.nanoTime() - started) / 1e9));
    return outcome();
  }

  private RunOutcome outcome() {
    return new RunOutcome(List.copyOf(measurements),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels)),
        java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unavailable)), lockedRate,
        List.copyOf(gatewayWindows));
  }

  private SystemUnderTest start(String id, SystemContext context, BackendProcess backend) {
    try {
      SystemUnderTest sut = switch (id) {
        case "D" -> new DirectSystem(backend.pid(), backend.port());
        case "G" -> GatewaySystem.start(context);
        case "H" -> HaproxySystem.start(context);
        case "N" -> NginxSystem.start(context);
        default -> throw new IllegalArgumentException("unknown system " + id);
      };
      progress(id + ": " + sut.label() + " on h2c port " + sut.plainPort()
          + (sut.tlsPort() > 0 ? ", TLS port " + sut.tlsPort() : "") + " (pid " + sut.pid() + ")");
      return sut;
    } catch (IOException | RuntimeException e) {
      unavailable.put(id, "did not start: " + e.getMessage());
      progress(id + ": NOT MEASURED, did not start: " + e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + id, e);
    }
  }

  /** {@link Preflight#check}; a system that fails is reported and left out. */
  private boolean preflight(SystemUnderTest sut, ClientTransport transport, ManagedChannel direct,
      H2loadDriver h2load) {
    try {
      String problem = Preflight.check(sut, transport, direct, h2load, settings.payloadBytes());
      if (problem != null) {
        return fail(sut, problem);
      }
      progress(sut.id() + ": preflight OK (echo, h2load h2c" + (sut.tlsPort() > 0 ? " and TLS" : "")
          + " successes = backend OK count)");
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during preflight", e);
    }
  }

  private boolean fail(SystemUnderTest sut, String reason) {
    unavailable.put(sut.id(), reason);
    progress(sut.id() + ": NOT MEASURED, " + reason);
    sut.close();
    return false;
  }

  /**
   * JIT warm-up; results are printed, not kept. Unary h2c runs in chunks of a quarter of WARMUP
   * (at least 2 s): every system gets one chunk; the gateway (a JVM) gets at least WARMUP and then
   * more chunks, up to twice WARMUP, until its CPU per call changes by less than
   * {@link #WARMUP_STABLE_CHANGE} from one chunk to the next (JIT done, even when a busy machine
   * slowed the warm-up down).
   */
  private void warmUp(List<SystemUnderTest> systems, WindowRunner windows)
      throws IOException, InterruptedException {
    Duration quarter = settings.warmup().dividedBy(4);
    Duration chunk = quarter.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : quarter;
    for (SystemUnderTest sut : systems) {
      boolean jvm = "G".equals(sut.id());
      Duration minimum = jvm ? settings.warmup() : chunk;
      Duration maximum = jvm ? settings.warmup().multipliedBy(2) : chunk;
      Duration spent = Duration.ZERO;
      double previousCpu = Double.NaN;
      while (true) {
        Measurement m = windows.run(0, sut, Scenario.UNARY_H2C, chunk, Double.NaN);
        spent = spent.plus(chunk);
        updateRate(m);
        double change = Math.abs(m.cpuUsPerCall() - previousCpu) / previousCpu;
        progress(String.format("warm-up %s unary h2c %2ds: %,9.0f calls/s, cpu %.2f µs/call",
            sut.id(), spent.toSeconds(), m.rps(), m.cpuUsPerCall()));
        previousCpu = m.cpuUsPerCall();
        boolean stable = change < WARMUP_STABLE_CHANGE;
        if (spent.compareTo(maximum) >= 0 || (spent.compareTo(minimum) >= 0 && stable)) {
          break;
        }
      }
      if (sut.tlsPort() > 0 && settings.scenarios().contains(Scenario.UNARY_TLS)) {
        windows.run(0, sut, Scenario.UNARY_TLS, chunk, Double.NaN);
      }
      windows.run(0, sut, Scenario.ONE_IN_FLIGHT, SHORT_WARMUP, Double.NaN);
      if (settings.scenarios().contains(Scenario.SERVER_STREAMING)) {
        windows.run(0, sut, Scenario.SERVER_STREAMING, SHORT_WARMUP, Double.NaN);
      }
    }
  }

  private void measure(WindowRunner windows, int round, SystemUnderTest sut, Scenario scenario)
      throws IOException, InterruptedException {
    Duration duration = switch (scenario) {
      case UNARY_H2C, UNARY_TLS -> settings.saturation();
      case ONE_IN_FLIGHT -> settings.oneInFlight();
      case FIXED_LOAD -> settings.fixedLoad();
      case SERVER_STREAMING -> settings.streaming();
    };
    if (scenario == Scenario.FIXED_LOAD && Double.isNaN(lockedRate)) {
      // Same offered load for every system and round: fixed at its first use.
      lockedRate = settings.loadFraction() * candidateRate;
      progress(String.format("fixed load: %,.0f calls/s (%.0f%% of %,.0f)", lockedRate,
          settings.loadFraction() * 100, candidateRate));
    }
    if (scenario == Scenario.FIXED_LOAD && !(lockedRate > 0)) {
      progress("[round " + round + "] fixed_load " + sut.id()
          + ": skipped, no saturation rate to derive the load from");
      return;
    }
    Measurement m;
    try {
      m = windows.run(round, sut, scenario, duration, lockedRate);
    } catch (IOException | RuntimeException e) {
      // One broken window (a crashed proxy, a driver that failed) is an error of that system,
      // not the end of the run.
      m = new Measurement(round, sut.id(), scenario.key(), 0, 0, 0, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, 0, false,
          "window failed: " + e.getMessage(), Double.NaN, Double.NaN, Double.NaN);
    }
    measurements.add(m);
    if (sut instanceof GatewaySystem gateway) {
      long[] w = windows.lastWindow();
      gatewayWindows.add(new double[] {(w[0] - gateway.launchNanos()) / 1e9,
          (w[1] - gateway.launchNanos()) / 1e9});
    }
    if (round == 1) {
      updateRate(m);
    }
    progress(String.format("[round %d/%d] %-16s %s: %,10.0f %s, cpu %6.2f µs/%s (%.2f cs)%s,"
            + " errors %s, %s (cpu%d %.0f%%, cpu%d %.0f%%)",
        round, settings.rounds(), scenario.key(), sut.id(), m.rps(), scenario.unit(),
        m.cpuUsPerCall(), scenario == Scenario.SERVER_STREAMING ? "msg" : "call",
        m.contextSwitchesPerCall(),
        Double.isNaN(m.p50Us()) ? "" : String.format(", p50/p99/p99.9 %.0f/%.0f/%.0f µs",
            m.p50Us(), m.p99Us(), m.p999Us()),
        m.errors() + (m.unfinished() > 0 ? " (+" + m.unfinished() + " unfinished)" : ""),
        m.placementOk() ? "placement ok" : "PLACEMENT NOT HELD: " + m.placementNote(),
        settings.sutCpu(), m.sutCpuBusyPercent(), settings.driverCpu(), m.driverCpuBusyPercent()));
  }

  /**
   * The fixed load follows the gateway's saturation rate; without a gateway, the slowest proxy's
   * (performance.md §6c), and without proxies, the direct rate.
   */
  private void updateRate(Measurement m) {
    if (!Scenario.UNARY_H2C.key().equals(m.scenario()) || !Double.isNaN(lockedRate)) {
      return;
    }
    boolean gatewayMeasured = settings.systems().contains("G") && !unavailable.containsKey("G");
    if ("G".equals(m.system())) {
      candidateRate = m.rps();
    } else if (!gatewayMeasured && !"D".equals(m.system())) {
      candidateRate = Double.isNaN(candidateRate) ? m.rps() : Math.min(candidateRate, m.rps());
    } else if (Double.isNaN(candidateRate)) {
      candidateRate = m.rps();
    }
  }

  private void progress(String line) {
    out.println("bench: " + line);
    out.flush();
  }

  /**
   * Everything a run produced.
   *
   * @param measurements every measured window (warm-up excluded)
   * @param labels system id → description with version
   * @param unavailable system id → why it was not measured
   * @param fixedRate the fixed load's offered rate (calls/s), NaN when not run
   * @param gatewayWindows the gateway's measured windows, {start, end} in its JVM uptime seconds
   */
  public record RunOutcome(List<Measurement> measurements, Map<String, String> labels,
      Map<String, String> unavailable, double fixedRate, List<double[]> gatewayWindows) {}
}
