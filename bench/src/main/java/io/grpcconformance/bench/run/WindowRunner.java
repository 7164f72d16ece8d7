package io.grpcconformance.bench.run;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpcconformance.bench.backend.BackendCounters;
import io.grpcconformance.bench.backend.EchoMethods;
import io.grpcconformance.bench.client.BackendStats;
import io.grpcconformance.bench.client.ClientTransport;
import io.grpcconformance.bench.client.LatencyClient;
import io.grpcconformance.bench.client.LatencyResult;
import io.grpcconformance.bench.client.StreamingClient;
import io.grpcconformance.bench.proc.CpuTimes;
import io.grpcconformance.bench.proc.Pinning;
import io.grpcconformance.bench.proc.ProcFs;
import io.grpcconformance.bench.report.Measurement;
import io.grpcconformance.bench.systems.SystemContext;
import io.grpcconformance.bench.systems.SystemUnderTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures one window: places the backend (on the system-under-test CPU for D, else on the driver
 * CPU), opens the client connections, samples CPU and backend counters, runs the driver, samples
 * again, and checks that every process stayed where it was put.
 */
final class WindowRunner {
  private static final long WARM_CALL_DEADLINE_SECONDS = 10;

  private final BenchSettings settings;
  private final BackendProcess backend;
  private final ManagedChannel direct;
  private final ClientTransport transport;
  private final H2loadDriver h2load;
  private long lastStartNanos;
  private long lastEndNanos;

  WindowRunner(BenchSettings settings, BackendProcess backend, ManagedChannel direct,
      ClientTransport transport, H2loadDriver h2load) {
    this.settings = settings;
    this.backend = backend;
    this.direct = direct;
    this.transport = transport;
    this.h2load = h2load;
  }

  /** One window of {@code scenario} against {@code sut} for {@code duration}. */
  Measurement run(int round, SystemUnderTest sut, Scenario scenario, Duration duration,
      double fixedRate) throws IOException, InterruptedException {
    boolean direct = "D".equals(sut.id());
    int backendCpu = direct ? settings.sutCpu() : settings.driverCpu();
    backend.moveTo(backendCpu);
    Thread.sleep(settings.settle().toMillis());
    List<ManagedChannel> channels = scenario.usesH2load() ? List.of()
        : openChannels(sut.plainPort(), switch (scenario) {
          case FIXED_LOAD -> settings.loadConnections();
          case SERVER_STREAMING -> settings.streamConnections();
          default -> 1;
        });
    try {
      WindowSample before = sample(sut);
      DriverOutcome outcome = drive(sut, scenario, duration, fixedRate, channels);
      WindowSample after = sample(sut);
      lastStartNanos = before.nanos();
      lastEndNanos = after.nanos();
      return measurement(round, sut, scenario, before, after, outcome, backendCpu);
    } finally {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  /** {@link System#nanoTime()} at the start and end of the last measured window. */
  long[] lastWindow() {
    return new long[] {lastStartNanos, lastEndNanos};
  }

  private DriverOutcome drive(SystemUnderTest sut, Scenario scenario, Duration duration,
      double fixedRate, List<ManagedChannel> channels) throws IOException, InterruptedException {
    return switch (scenario) {
      case UNARY_H2C -> h2load.saturate(sut.plainPort(), false, settings.h2loadConnections(),
          settings.h2loadStreams(), duration);
      case UNARY_TLS -> h2load.saturate(sut.tlsPort(), true, settings.h2loadConnections(),
          settings.h2loadStreams(), duration);
      case ONE_IN_FLIGHT ->
          latency(new LatencyClient(channels, settings.payloadBytes()).closedLoop(duration));
      case FIXED_LOAD ->
          latency(new LatencyClient(channels, settings.payloadBytes()).openLoop(fixedRate, duration));
      case SERVER_STREAMING -> {
        StreamingClient.Result r = new StreamingClient(channels, settings.streamsPerConnection(),
            settings.messagesPerStream(), settings.payloadBytes()).run(duration);
        yield new DriverOutcome(r.messages(), r.errors(), r.unfinished(), Double.NaN, Double.NaN,
            Double.NaN, "");
      }
    };
  }

  private static DriverOutcome latency(LatencyResult r) {
    return new DriverOutcome(r.calls(), r.errors(), r.unfinished(), r.micros(50), r.micros(99),
        r.micros(99.9), "");
  }

  /** New connections to {@code port}, each proven with one call before the window starts. */
  private List<ManagedChannel> openChannels(int port, int count) {
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ManagedChannel channel = transport.channel(SystemContext.LOOPBACK, port);
      channels.add(channel);
      ClientCalls.blockingUnaryCall(channel, EchoMethods.UNARY_METHOD,
          CallOptions.DEFAULT.withDeadlineAfter(WARM_CALL_DEADLINE_SECONDS, TimeUnit.SECONDS),
          EchoMethods.payload(settings.payloadBytes()));
    }
    return channels;
  }

  private WindowSample sample(SystemUnderTest sut) {
    BackendCounters.Snapshot counters = BackendStats.read(direct);
    return WindowSample.take(sut.pid(), backend.pid(), counters);
  }

  private Measurement measurement(int round, SystemUnderTest sut, Scenario scenario,
      WindowSample before, WindowSample after, DriverOutcome outcome, int backendCpu) {
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    BackendCounters.Snapshot served = after.backend().minus(before.backend());
    long calls;
    long errors = outcome.errors();
    if (scenario == Scenario.SERVER_STREAMING) {
      calls = outcome.okCalls();
    } else {
      // grpc-status check: every call the driver saw succeed must be an OK at the backend.
      errors += Math.max(0, outcome.okCalls() - served.okCalls());
      calls = scenario.usesH2load() ? served.okCalls() : outcome.okCalls();
    }
    double microsPerTick = 1e6 / ProcFs.TICKS_PER_SECOND;
    long sutTicks = after.sutTicks() - before.sutTicks();
    double cpuPerCall = calls > 0 ? sutTicks * microsPerTick / calls : Double.NaN;
    double backendPerCall = sut.pid() == backend.pid() ? cpuPerCall
        : calls > 0 ? (after.backendTicks() - before.backendTicks()) * microsPerTick / calls
            : Double.NaN;
    double switchesPerCall = calls > 0
        ? (double) (after.sutContextSwitches() - before.sutContextSwitches()) / calls : Double.NaN;
    CpuTimes sutCpu = after.cpus().get(settings.sutCpu()).minus(before.cpus().get(settings.sutCpu()));
    CpuTimes driverCpu =
        after.cpus().get(settings.driverCpu()).minus(before.cpus().get(settings.driverCpu()));
    long processTicksOnSutCpu = sutCpu.user() + sutCpu.system();
    double foreign = sutCpu.total() == 0 ? 0
        : Math.max(0, 100.0 * (processTicksOnSutCpu - sutTicks) / sutCpu.total());
    List<String> notes = new ArrayList<>();
    addIfPresent(notes, Pinning.violation(sut.pid(), settings.sutCpu(), sut.id()));
    addIfPresent(notes, Pinning.violation(backend.pid(), backendCpu, "backend"));
    addIfPresent(notes,
        Pinning.ownViolation(ProcessHandle.current().pid(), settings.driverCpu(), "driver JVM"));
    if (!outcome.placementNote().isEmpty()) {
      notes.add(outcome.placementNote());
    }
    if (foreign > settings.foreignMaxPercent()) {
      notes.add(String.format("other work used %.0f%% of CPU %d (limit %.0f%%)", foreign,
          settings.sutCpu(), settings.foreignMaxPercent()));
    }
    return new Measurement(round, sut.id(), scenario.key(), seconds, calls,
        seconds > 0 ? calls / seconds : 0, cpuPerCall, backendPerCall, switchesPerCall,
        outcome.p50Us(),
        outcome.p99Us(), outcome.p999Us(), errors,
        scenario.usesH2load() ? 0 : outcome.unfinished(), notes.isEmpty(), String.join("; ", notes),
        sutCpu.busyPercent(), driverCpu.busyPercent(), foreign);
  }

  private static void addIfPresent(List<String> notes, String note) {
    if (note != null) {
      notes.add(note);
    }
  }
}
