package io.grpcconformance.gateway.runtime;

import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires a {@link SnapshotSource} to the translator, the data plane and a {@link StatusSink}.
 *
 * <p>Threading: sources signal changes from their own threads; every signal bumps the "seen"
 * generation and, unless a pass is already pending, schedules one pass on a single-thread executor
 * after the coalescing delay. A pass reads the newest snapshot, translates it, applies the table
 * and publishes statuses, so a burst of changes costs one translation of the newest state, and
 * translation, apply and publish never run concurrently or out of order.
 */
public final class GatewayRuntime implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());

  /** Told on the runtime thread after each pass; must not block. */
  public interface Listener {
    void applied(long generation, TranslationResult result);
  }

  /** The result before the first pass: an empty table, no statuses. */
  public static final TranslationResult NO_RESULT =
      new TranslationResult(RoutingTable.EMPTY, List.of(), List.of());

  private final SnapshotSource source;
  private final Function<GatewaySnapshot, TranslationResult> translator;
  private final Consumer<RoutingTable> dataPlane;
  private final StatusSink statusSink;
  private final Duration coalesceDelay;
  private final ScheduledExecutorService executor;
  private final AtomicLong seen = new AtomicLong();
  private final AtomicBoolean passScheduled = new AtomicBoolean();
  private final Object appliedMonitor = new Object();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private long applied; // guarded by appliedMonitor
  private volatile TranslationResult lastResult = NO_RESULT;
  private volatile boolean closed;

  /**
   * @param translator usually {@code Translator::translate}
   * @param dataPlane usually {@code DataPlane::apply}
   * @param coalesceDelay how long a pass waits after the first signal of a burst
   */
  public GatewayRuntime(
      SnapshotSource source,
      Function<GatewaySnapshot, TranslationResult> translator,
      Consumer<RoutingTable> dataPlane,
      StatusSink statusSink,
      Duration coalesceDelay) {
    this.source = Objects.requireNonNull(source, "source");
    this.translator = Objects.requireNonNull(translator, "translator");
    this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
    this.statusSink = Objects.requireNonNull(statusSink, "statusSink");
    this.coalesceDelay = Objects.requireNonNull(coalesceDelay, "coalesceDelay");
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gateway-runtime");
      t.setDaemon(true);
      return t;
    });
  }

  /** Adds a listener told after every pass. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts the source; its first signal leads to generation 1. */
  public void start() throws Exception {
    source.start(this::changed);
  }

  /** Asks for another pass over the current snapshot (e.g. after gaining leadership). */
  public void requestResync() {
    changed();
  }

  private void changed() {
    if (closed) {
      return;
    }
    seen.incrementAndGet();
    // Only the first signal of a burst schedules a pass; the pass clears the flag before it reads
    // the generation, so a signal arriving during a pass schedules the next one.
    if (passScheduled.compareAndSet(false, true)) {
      executor.schedule(this::pass, coalesceDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pass() {
    passScheduled.set(false);
    long generation = seen.get();
    if (!source.ready()) {
      // A partial view (e.g. informers not all synced) must never be translated or applied: the
      // previous table keeps serving and this generation is not marked applied. The source
      // signals again once it is ready, which schedules the next pass.
      LOG.fine(() -> "generation " + generation + ": source not ready, pass skipped");
      return;
    }
    try {
      TranslationResult result = translator.apply(source.snapshot());
      TranslationLog.problems(LOG, generation, result);
      boolean applied = applyTable(generation, result.table());
      publishStatuses(generation, result);
      lastResult = result;
      LOG.info(TranslationLog.summary(generation, result, applied));
    } catch (RuntimeException e) {
      // A translator bug must not stop the gateway: the previous table keeps serving.
      LOG.log(Level.SEVERE, "generation " + generation + ": translation failed: " + e, e);
    }
    markApplied(generation);
  }

  private boolean applyTable(long generation, RoutingTable table) {
    try {
      dataPlane.accept(table);
      return true;
    } catch (RuntimeException e) {
      LOG.severe("generation " + generation + ": data plane apply failed: " + e);
      return false;
    }
  }

  private void publishStatuses(long generation, TranslationResult result) {
    try {
      statusSink.publish(result);
    } catch (RuntimeException e) {
      LOG.warning("generation " + generation + ": status publish failed: " + e);
    }
  }

  private void markApplied(long generation) {
    synchronized (appliedMonitor) {
      applied = Math.max(applied, generation);
      appliedMonitor.notifyAll();
    }
    for (Listener listener : listeners) {
      try {
        listener.applied(generation, lastResult);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "runtime listener failed", e);
      }
    }
  }

  /** Number of changes signalled so far. */
  public long seenGeneration() {
    return seen.get();
  }

  /** The newest generation whose pass has finished. */
  public long appliedGeneration() {
    synchronized (appliedMonitor) {
      return applied;
    }
  }

  /** The result of the newest successful translation, {@link #NO_RESULT} before the first. */
  public TranslationResult lastResult() {
    return lastResult;
  }

  /** Waits until generation {@code generation} (or newer) is applied; false on timeout. */
  public boolean awaitApplied(long generation, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (appliedMonitor) {
      while (applied < generation) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(appliedMonitor, left);
      }
      return true;
    }
  }

  /**
   * Asks the source to look for changes now, then waits until every change seen so far is
   * applied; false on timeout.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    source.refresh();
    return awaitApplied(seen.get(), timeout);
  }

  /** Stops the source, then the runtime thread; the caller closes the data plane and sinks. */
  @Override
  public void close() {
    closed = true;
    source.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
