package io.grpcconformance.bench.run;

import io.grpcconformance.bench.proc.ManagedProcess;
import io.grpcconformance.bench.proc.Pinning;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The echo backend as its own JVM (so that it can be moved between CPUs), started from this jar. */
public final class BackendProcess implements AutoCloseable {
  /** The line {@code BenchMain backend} prints once it serves. */
  public static final String READY = "READY ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ManagedProcess process;
  private final int port;
  private int cpu;

  private BackendProcess(ManagedProcess process, int port, int cpu) {
    this.process = process;
    this.port = port;
    this.cpu = cpu;
  }

  /** Starts the backend on {@code cpu} and waits for its READY line. */
  public static BackendProcess start(BenchSettings settings, String javaCommand)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaCommand);
    command.addAll(settings.backendJvmOptions());
    command.addAll(List.of("-cp", settings.benchJar().toString(),
        "io.grpcconformance.bench.BenchMain", "backend", "--port", "0"));
    ManagedProcess process = ManagedProcess.start("backend",
        Pinning.onCpu(settings.driverCpu(), command), settings.logDir(), settings.workDir());
    String ready = process.awaitLine(l -> l.startsWith(READY), START_TIMEOUT);
    if (ready == null) {
      process.close();
      throw new IOException("the echo backend did not print READY within " + START_TIMEOUT
          + "; see " + settings.logDir().resolve("backend.err"));
    }
    int port = Integer.parseInt(ready.substring(READY.length()).trim());
    return new BackendProcess(process, port, settings.driverCpu());
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The CPU it is pinned to now. */
  public int cpu() {
    return cpu;
  }

  /** Moves every backend thread to {@code target} (no-op when already there). */
  public void moveTo(int target) {
    if (target != cpu) {
      Pinning.move(process.pid(), target);
      cpu = target;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
