package io.grpcconformance.harness.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpcconformance.harness.config.ConformanceConfig.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {

  private final List<String> journal = new ArrayList<>();
  private final Timeouts fast =
      new Timeouts(
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofMillis(500),
          3,
          Duration.ofMillis(5),
          Duration.ofSeconds(1),
          Duration.ofMillis(100),
          Duration.ofMillis(10),
          Duration.ofMillis(10));
  private final Eventually eventually = new Eventually(fast, journal::add);

  @Test
  void converges_afterRequiredConsecutiveSuccesses() {
    AtomicInteger calls = new AtomicInteger();
    String v =
        eventually.converges(
            "value",
            () -> {
              int n = calls.incrementAndGet();
              if (n < 3) {
                throw new AssertionError("not yet " + n);
              }
              return "ok" + n;
            });
    // two failures, then three successes in a row
    assertThat(calls).hasValue(5);
    assertThat(v).isEqualTo("ok5");
    assertThat(journal).hasSize(5);
    assertThat(journal.get(0)).contains("value #1 failed: AssertionError: not yet 1");
    assertThat(journal.get(4)).contains("#5 ok (3/3)");
  }

  @Test
  void aFailureResetsTheStreak() {
    AtomicInteger calls = new AtomicInteger();
    eventually.converges(
        "flaky",
        () -> {
          int n = calls.incrementAndGet();
          if (n == 3) {
            throw new IllegalStateException("blip");
          }
          return n;
        });
    // ok, ok, blip, ok, ok, ok
    assertThat(calls).hasValue(6);
  }

  @Test
  void failsWithTheLastFailureWhenItNeverHolds() {
    assertThatThrownBy(
            () ->
                eventually.converges(
                    "never",
                    () -> {
                      throw new AssertionError("still wrong\nsecond line");
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never: did not hold 3 time(s) in a row within 500 ms")
        .hasMessageContaining("last failure: AssertionError: still wrong")
        .hasMessageNotContaining("second line")
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void within_needsOneSuccess() {
    AtomicInteger calls = new AtomicInteger();
    eventually.within("once", Duration.ofMillis(200), () -> calls.incrementAndGet());
    assertThat(calls).hasValue(1);
  }

  @Test
  void alternatingResults_neverConverge() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                eventually.converges(
                    "alternating",
                    () -> {
                      if (calls.incrementAndGet() % 2 == 0) {
                        throw new AssertionError("even");
                      }
                      return true;
                    }))
        .hasMessageContaining("best streak 1");
  }
}
