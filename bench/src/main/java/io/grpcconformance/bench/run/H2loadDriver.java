package io.grpcconformance.bench.run;

import io.grpcconformance.bench.backend.EchoMethods;
import io.grpcconformance.bench.proc.Pinning;
import io.grpcconformance.bench.systems.SystemContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs h2load pinned to the driver CPU with a gRPC request body (performance.md §3a): one thread,
 * {@code -c} connections × {@code -m} streams, content-type application/grpc and te: trailers.
 */
final class H2loadDriver {
  /** h2load's own start-up and connection time on top of its duration. */
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final long PLACEMENT_CHECK_MILLIS = 300;

  private final Path body;
  private final int cpu;

  private H2loadDriver(Path body, int cpu) {
    this.body = body;
    this.cpu = cpu;
  }

  /** Writes the request body (one gRPC frame of {@code payloadBytes}) into {@code workDir}. */
  static H2loadDriver create(Path workDir, int payloadBytes, int cpu) throws IOException {
    Path body = workDir.resolve("unary.bin");
    Files.createDirectories(workDir);
    Files.write(body, EchoMethods.grpcFrame(EchoMethods.payload(payloadBytes)));
    return new H2loadDriver(body, cpu);
  }

  /** Saturation for {@code duration} (duration mode: no warm-up of its own, see BenchRun). */
  DriverOutcome saturate(int port, boolean tls, int connections, int streams, Duration duration)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-t1", "-c" + connections, "-m" + streams,
        "-D" + duration.toSeconds()));
    return run(args, port, tls, duration.plus(GRACE));
  }

  /** Exactly {@code requests} calls (count mode: nothing is left in flight), for preflight checks. */
  DriverOutcome count(int port, boolean tls, int requests)
      throws IOException, InterruptedException {
    return run(List.of("-t1", "-c2", "-m10", "-n" + requests), port, tls, GRACE);
  }

  private DriverOutcome run(List<String> loadArgs, int port, boolean tls, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("h2load"));
    command.addAll(loadArgs);
    command.addAll(List.of("-d", body.toString(),
        "-H", "content-type: application/grpc", "-H", "te: trailers",
        (tls ? "https://" : "http://") + SystemContext.LOOPBACK + ":" + port + "/"
            + EchoMethods.UNARY));
    Process process = new ProcessBuilder(Pinning.onCpu(cpu, command)).redirectErrorStream(true)
        .start();
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
    Thread.sleep(PLACEMENT_CHECK_MILLIS);
    String note = process.isAlive() ? Pinning.violation(process.pid(), cpu, "h2load") : null;
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException("h2load did not finish within " + timeout);
    }
    String text = output.join();
    H2loadResult result = H2loadResult.parse(text);
    long errors = result.failed() + result.non2xx();
    if (!result.protocol().startsWith("h2")) {
      errors += result.succeeded(); // h2 (TLS) or h2c expected: anything else is not gRPC
    }
    return new DriverOutcome(result.succeeded(), errors, result.unfinished(), Double.NaN,
        Double.NaN, Double.NaN, note == null ? "" : note);
  }
}
