package io.grpcconformance.harness.wait;

import io.grpcconformance.harness.config.ConformanceConfig.Timeouts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * "Eventually, then consistently": repeats an attempt until it succeeds a number of times in a row
 * within a bound, as the Gateway API suite's {@code AwaitConvergence} does. An attempt fails by
 * throwing (usually an {@link AssertionError}); any failure resets the streak. Every attempt is
 * logged with a timestamp to JUL (FINE) and to the journal, which steps attach to failed scenarios.
 * Awaitility does the polling, in the calling thread.
 */
public final class Eventually {

  private static final Logger LOG = Logger.getLogger(Eventually.class.getName());

  private final Timeouts timeouts;
  private final Consumer<String> journal;

  /**
   * @param timeouts supplies maxTimeToConsistency, requiredConsecutiveSuccesses and pollInterval
   * @param journal receives one timestamped line per attempt
   */
  public Eventually(Timeouts timeouts, Consumer<String> journal) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /** The named timeouts this instance waits with. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /**
   * Requires {@code requiredConsecutiveSuccesses} successes in a row within {@code
   * maxTimeToConsistency}; returns the last successful value.
   */
  public <T> T converges(String what, Callable<T> attempt) {
    return converges(
        what, timeouts.maxTimeToConsistency(), timeouts.requiredConsecutiveSuccesses(), attempt);
  }

  /** Requires one success within {@code bound} (status conditions, readiness). */
  public <T> T within(String what, Duration bound, Callable<T> attempt) {
    return converges(what, bound, 1, attempt);
  }

  /** Requires {@code required} successes in a row within {@code bound}. */
  public <T> T converges(String what, Duration bound, int required, Callable<T> attempt) {
    AtomicInteger streak = new AtomicInteger();
    AtomicInteger best = new AtomicInteger();
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<Throwable> lastFailure = new AtomicReference<>();
    AtomicReference<T> lastValue = new AtomicReference<>();
    try {
      Awaitility.await(what)
          .atMost(bound)
          .pollDelay(Duration.ZERO)
          .pollInterval(timeouts.pollInterval())
          .pollInSameThread()
          .until(
              () -> {
                int n = attempts.incrementAndGet();
                try {
                  lastValue.set(attempt.call());
                  int s = streak.incrementAndGet();
                  best.accumulateAndGet(s, Math::max);
                  record(what, n, "ok (" + s + "/" + required + ")");
                  return s >= required;
                } catch (Exception | AssertionError e) {
                  streak.set(0);
                  lastFailure.set(e);
                  record(what, n, "failed: " + firstLine(e));
                  return false;
                }
              });
      return lastValue.get();
    } catch (ConditionTimeoutException e) {
      Throwable cause = lastFailure.get();
      AssertionError error =
          new AssertionError(
              what
                  + ": did not hold "
                  + required
                  + " time(s) in a row within "
                  + bound.toMillis()
                  + " ms ("
                  + attempts.get()
                  + " attempts, best streak "
                  + best.get()
                  + ")"
                  + (cause == null ? "" : "; last failure: " + firstLine(cause)));
      if (cause != null) {
        error.initCause(cause);
      }
      throw error;
    }
  }

  private void record(String what, int attempt, String outcome) {
    String line = Instant.now() + " " + what + " #" + attempt + " " + outcome;
    LOG.log(Level.FINE, line);
    journal.accept(line);
  }

  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage());
    int nl = m.indexOf('\n');
    return t.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }
}
