package io.grpcconformance.harness.isolation;

import io.grpcconformance.samples.probe.ProbeDurations;
import io.grpcconformance.samples.probe.ProbeLine;
import io.grpcconformance.samples.probe.ProbeTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Probes from INSIDE source pods (a probe from the test runner would have the wrong source
 * identity): one exec per source pod runs {@code sample-services probe --target ip:port ...} for
 * all of that pod's destinations (the image's own JVM, so no extra image is needed), and each
 * printed {@link ProbeLine} becomes the result of its cell. Execs run concurrently on at most
 * {@link IsolationConfig#workers()} threads; each target inside an exec uses fresh connections.
 *
 * <p>Classification (ingress-netpol.md Part C): TCP ok (and SERVING when the health check is on) is
 * connected; timeout, refused or unreachable is blocked; anything else, a failed exec or a missing
 * line is a failed check, never a block.
 */
public final class Prober implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Prober.class.getName());

  private final PodExec exec;
  private final IsolationConfig config;
  private final LongSupplier ticker;
  private final ExecutorService pool;

  /**
   * @param exec runs the probe command in a pod
   * @param config probe timeout, workers, command, health check
   * @param ticker nanosecond clock stamped on each result ({@code System::nanoTime} in real runs)
   */
  public Prober(PodExec exec, IsolationConfig config, LongSupplier ticker) {
    this.exec = Objects.requireNonNull(exec, "exec");
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.pool = Executors.newFixedThreadPool(config.workers(), daemonThreads());
  }

  /** Probes {@code cells} of {@code model} on TCP {@code port}, destinations by pod IP. */
  public Observation probe(DeployedModel model, Collection<Cell> cells, int port) {
    Map<String, List<Cell>> bySource = new LinkedHashMap<>();
    for (Cell cell : cells) {
      bySource.computeIfAbsent(cell.from(), k -> new ArrayList<>()).add(cell);
    }
    List<Future<Map<Cell, CellProbe>>> futures = new ArrayList<>();
    for (Map.Entry<String, List<Cell>> entry : bySource.entrySet()) {
      ProbeSource source = model.pod(entry.getKey());
      List<Cell> sourceCells = entry.getValue();
      List<ProbeTarget> targets =
          sourceCells.stream().map(c -> new ProbeTarget(model.pod(c.to()).ip(), port)).toList();
      futures.add(
          pool.submit(
              () -> {
                List<CellProbe> results = probeFrom(source, targets);
                Map<Cell, CellProbe> byCell = new LinkedHashMap<>();
                for (int i = 0; i < sourceCells.size(); i++) {
                  CellProbe r = results.get(i);
                  byCell.put(
                      sourceCells.get(i),
                      new CellProbe(sourceCells.get(i), r.outcome(), r.detail(), r.atNanos()));
                }
                return byCell;
              }));
    }
    Map<Cell, CellProbe> all = new LinkedHashMap<>();
    for (Future<Map<Cell, CellProbe>> future : futures) {
      all.putAll(join(future));
    }
    return new Observation(model.keys(), all);
  }

  /**
   * Probes {@code targets} from {@code source} in one exec. The results are in target order, each
   * a {@link CellProbe} whose cell is {@code source.key() -> target}.
   */
  public List<CellProbe> probeFrom(ProbeSource source, List<ProbeTarget> targets) {
    List<String> command = new ArrayList<>(config.probeCommand());
    for (ProbeTarget target : targets) {
      command.add("--target");
      command.add(target.toString());
    }
    command.add("--timeout");
    command.add(ProbeDurations.format(config.probeTimeout()));
    if (config.grpcHealth()) {
      command.add("--grpc-health");
    }
    ExecResult result =
        exec.exec(source.namespace(), source.pod(), source.container(), command, config.execTimeout());
    long at = ticker.getAsLong();
    Map<String, ProbeLine> lines = new LinkedHashMap<>();
    List<String> unparsable = new ArrayList<>();
    for (String line : result.stdout().lines().toList()) {
      if (!ProbeLine.isProbeLine(line)) {
        continue; // e.g. "Picked up JAVA_TOOL_OPTIONS" if a JVM prints it on stdout
      }
      try {
        ProbeLine parsed = ProbeLine.parse(line);
        lines.putIfAbsent(parsed.target().toString(), parsed);
      } catch (IllegalArgumentException e) {
        unparsable.add(e.getMessage());
      }
    }
    List<CellProbe> results = new ArrayList<>();
    for (ProbeTarget target : targets) {
      Cell cell = new Cell(source.key(), target.toString());
      ProbeLine line = lines.get(target.toString());
      if (line != null) {
        results.add(new CellProbe(cell, classify(line), line.format(), at));
      } else {
        String why = whyNoLine(source, result, unparsable);
        LOG.fine(() -> source.key() + " -> " + target + ": check failed: " + why);
        results.add(new CellProbe(cell, CellOutcome.CHECK_FAILED, why, at));
      }
    }
    return results;
  }

  /** Connected, blocked or check failed, for one probe line. */
  static CellOutcome classify(ProbeLine line) {
    if (line.connected()) {
      return CellOutcome.CONNECTED;
    }
    if (line.tcp().blocked()) {
      return CellOutcome.BLOCKED;
    }
    // DNS/local errors, or TCP connected but gRPC did not answer SERVING: neither open nor blocked.
    return CellOutcome.CHECK_FAILED;
  }

  private static String whyNoLine(ProbeSource source, ExecResult result, List<String> unparsable) {
    StringBuilder why = new StringBuilder("no probe line from ").append(source.key());
    result.failure().ifPresent(f -> why.append(": ").append(f));
    result.exitCode().ifPresent(c -> why.append(" (exit ").append(c).append(')'));
    if (!unparsable.isEmpty()) {
      why.append("; ").append(unparsable.get(0));
    }
    String stderr = result.stderr().strip();
    if (!stderr.isEmpty()) {
      why.append("; stderr: ").append(lastLine(stderr));
    }
    return why.toString();
  }

  private static String lastLine(String text) {
    String[] lines = text.split("\n");
    return lines[lines.length - 1];
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while probing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("probing failed: " + e.getCause(), e.getCause());
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread t = new Thread(runnable, "isolation-prober");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
