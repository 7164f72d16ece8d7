package io.grpcconformance.samples.probe;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sample-services probe}: connects to one or more targets from wherever it runs (in the
 * conformance suite: exec'd inside a source pod) and prints one {@link ProbeLine} per target, in
 * the order given. Targets are probed concurrently, each on fresh connections.
 */
@Command(
    name = "probe",
    sortOptions = false,
    description =
        "Probe TCP targets with a fresh connection each (and, with --grpc-health, a"
            + " grpc.health.v1.Health/Check on a fresh channel); print one line per target.",
    footer = {
      "",
      "Output, one line per target on stdout, in the order of --target:",
      "  PROBE <host:port> tcp=ok|timeout|refused|unreachable|dns|error [grpc=<result>] ms=<n>",
      "<result> is SERVING, NOT_SERVING or SERVICE_UNKNOWN, the status code of a failed check",
      "(UNAVAILABLE, DEADLINE_EXCEEDED, UNIMPLEMENTED, ...), or - when TCP already failed.",
      "Each phase (connect, health check) is bounded by --timeout. Details go to stderr.",
      "Exit status: 0 when every target connected (and answered SERVING with --grpc-health),",
      "1 when any did not, 2 on a usage error.",
      "",
      "Example: sample-services probe --target 10.42.0.7:80 --target 10.42.0.8:81 --grpc-health"
    })
public final class ProbeCommand implements Callable<Integer> {

  /** Exit status when every target connected. */
  public static final int CONNECTED = 0;

  /** Exit status when at least one target did not connect. */
  public static final int NOT_CONNECTED = 1;

  /** The default of {@code --timeout} (ingress-netpol.md Part C: 2s per attempt). */
  public static final String DEFAULT_TIMEOUT = "2s";

  /** More concurrent targets than this are queued (a probe is mostly waiting). */
  static final int MAX_PARALLEL = 16;

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      order = 9,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--target",
      order = 1,
      required = true,
      paramLabel = "HOST:PORT",
      converter = TargetConverter.class,
      description = "Where to connect ([ADDR]:PORT for IPv6); repeat for several targets.")
  List<ProbeTarget> targets;

  @Option(
      names = "--timeout",
      order = 2,
      paramLabel = "DURATION",
      defaultValue = DEFAULT_TIMEOUT,
      converter = DurationConverter.class,
      description = "Bound of the connect and of the health check: 2s, 500ms, PT2S (default: 2s).")
  Duration timeout;

  @Option(
      names = "--grpc-health",
      order = 3,
      description = "After connecting, call grpc.health.v1.Health/Check on a new plaintext channel.")
  boolean grpcHealth;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConnectionProbe probe =
        new ConnectionProbe(
            timeout,
            grpcHealth,
            detail -> {
              synchronized (err) {
                err.println("probe: " + detail);
                err.flush();
              }
            });
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, targets.size()));
    try {
      List<Future<ProbeLine>> futures = new ArrayList<>();
      for (ProbeTarget target : targets) {
        futures.add(pool.submit(() -> probe.probe(target)));
      }
      boolean allConnected = true;
      for (Future<ProbeLine> future : futures) {
        ProbeLine line;
        try {
          line = future.get();
        } catch (ExecutionException e) {
          // ConnectionProbe maps every failure to an outcome; this is a bug, not a verdict.
          throw new IllegalStateException("probe failed unexpectedly: " + e.getCause(), e);
        }
        out.println(line.format());
        allConnected &= line.connected();
      }
      out.flush();
      return allConnected ? CONNECTED : NOT_CONNECTED;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Parses {@code --target}. */
  static final class TargetConverter implements ITypeConverter<ProbeTarget> {
    @Override
    public ProbeTarget convert(String value) {
      try {
        return ProbeTarget.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Parses {@code --timeout}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return ProbeDurations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
