package io.grpcconformance.harness.reliability;

import io.grpcconformance.harness.k8s.Cleanup;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Runs a scenario's pending {@link Cleanup} when the JVM is stopped in the middle of the scenario
 * (SIGINT from Ctrl-C, SIGTERM from CI): Cucumber's {@code @After} hooks do not run then, so
 * without this the scenario's namespaces stay in a real cluster. Install when the scenario starts,
 * close when it ends normally (its own {@code @After} then does the cleanup). A SIGKILL runs
 * nothing; namespaces left that way carry the scenario label and can be swept.
 */
public final class ShutdownCleanup implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ShutdownCleanup.class.getName());

  private final Cleanup cleanup;
  private final Thread hook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ShutdownCleanup(Cleanup cleanup) {
    this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
    this.hook = new Thread(this::onShutdown, "scenario-cleanup-on-shutdown");
  }

  /** Registers a shutdown hook that runs {@code cleanup}'s pending actions. */
  public static ShutdownCleanup install(Cleanup cleanup) {
    ShutdownCleanup guard = new ShutdownCleanup(cleanup);
    Runtime.getRuntime().addShutdownHook(guard.hook);
    return guard;
  }

  private void onShutdown() {
    int pending = cleanup.pending();
    if (pending == 0) {
      return;
    }
    LOG.warning("stopped during a scenario: running its " + pending + " cleanup action(s)");
    List<String> failures = cleanup.runAll();
    failures.forEach(LOG::warning);
  }

  /** Removes the hook (the scenario ended normally); idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs (or ran) anyway
      }
    }
  }
}
