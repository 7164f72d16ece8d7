package io.grpcconformance.gateway.reliability;

import io.grpc.Channel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous unary calls through the gateway from a few threads until stopped, recording every
 * failure with its start and end time (so a test can tell calls in flight at an event from calls
 * started after it) and which backend served each success.
 */
final class UnaryLoad implements AutoCloseable {
  /** Deadline of each call. */
  static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  /** A call that did not end OK. */
  record Failure(long startNanos, long endNanos, CallOutcome outcome) {}

  private final Channel channel;
  private final String authority;
  private final String method;
  private final ExecutorService threads;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong calls = new AtomicLong();
  private final Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

  UnaryLoad(Channel channel, String authority, String method, int threadCount) {
    this.channel = channel;
    this.authority = authority;
    this.method = method;
    this.threads =
        Executors.newFixedThreadPool(
            threadCount,
            r -> {
              Thread t = new Thread(r, "unary-load");
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < threadCount; i++) {
      threads.execute(this::loop);
    }
  }

  private void loop() {
    while (running.get()) {
      long start = System.nanoTime();
      CallOutcome outcome = RawUnary.call(channel, authority, method, CALL_DEADLINE);
      calls.incrementAndGet();
      if (outcome.code() == Status.Code.OK) {
        servedBy
            .computeIfAbsent(String.valueOf(outcome.servedBy()), k -> new AtomicLong())
            .incrementAndGet();
      } else {
        failures.add(new Failure(start, System.nanoTime(), outcome));
      }
    }
  }

  long calls() {
    return calls.get();
  }

  /** Successful calls per backend name so far. */
  Map<String, Long> servedBy() {
    Map<String, Long> snapshot = new TreeMap<>();
    servedBy.forEach((k, v) -> snapshot.put(k, v.get()));
    return snapshot;
  }

  /** Successful calls served by {@code backend} so far. */
  long servedBy(String backend) {
    AtomicLong n = servedBy.get(backend);
    return n == null ? 0 : n.get();
  }

  List<Failure> failures() {
    return new ArrayList<>(failures);
  }

  /** Stops the threads and waits for the calls in flight. */
  @Override
  public void close() {
    running.set(false);
    threads.shutdown();
    try {
      threads.awaitTermination(CALL_DEADLINE.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
