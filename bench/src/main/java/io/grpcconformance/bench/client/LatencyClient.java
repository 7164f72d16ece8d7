package io.grpcconformance.bench.client;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpcconformance.bench.backend.EchoMethods;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Unary latency driver with HdrHistogram: closed loop with one call in flight (added latency), and
 * open loop at a fixed rate (latency at a given load). Callbacks run on the transport's single event
 * loop; the open-loop pacer is one extra thread.
 */
public final class LatencyClient {
  /** How long calls still in flight at the end of a window may take before they count as errors. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final int SIGNIFICANT_DIGITS = 3;
  /** The pacer sleeps at most this long, so a send is at most this late (before the system's own delay). */
  private static final long MAX_PARK_NANOS = 50_000;

  private final List<ManagedChannel> channels;
  private final byte[] payload;

  /** Drives {@code channels} (one connection each) with {@code payloadBytes}-byte requests. */
  public LatencyClient(List<ManagedChannel> channels, int payloadBytes) {
    this.channels = List.copyOf(channels);
    this.payload = EchoMethods.payload(payloadBytes);
  }

  /** One call in flight on the first channel for {@code duration}: each call starts when the last ends. */
  public LatencyResult closedLoop(Duration duration) throws InterruptedException {
    Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    ManagedChannel channel = channels.get(0);
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      long sent = System.nanoTime();
      call(channel, status -> {
        long now = System.nanoTime();
        if (status.isOk()) {
          recorder.recordValue(now - sent);
          ok.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
        if (now < deadline) {
          next[0].run();
        } else {
          done.countDown();
        }
      });
    };
    next[0].run();
    boolean finished = done.await(duration.plus(DRAIN_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new LatencyResult(ok.get(), errors.get(), finished ? 0 : 1, seconds,
        recorder.getIntervalHistogram());
  }

  /**
   * {@code ratePerSecond} calls per second, spread round-robin over the channels, for
   * {@code duration}. Each call's latency is measured from the time it was SCHEDULED to start, so a
   * system that falls behind is charged its queueing delay (wrk2 style, performance.md §3d).
   */
  public LatencyResult openLoop(double ratePerSecond, Duration duration)
      throws InterruptedException {
    Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong inFlight = new AtomicLong();
    double interval = 1e9 / ratePerSecond;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long scheduled = 0;
    int channelIndex = 0;
    while (true) {
      long due = start + (long) (scheduled * interval);
      if (due >= end) {
        break; // every call scheduled inside the window is sent, however late the pacer woke up
      }
      long now = System.nanoTime();
      if (due > now) {
        LockSupport.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
        continue;
      }
      // Send every call that is due (catching up after a late wake-up), each with its own start.
      final long intended = due;
      inFlight.incrementAndGet();
      ManagedChannel channel = channels.get(channelIndex);
      channelIndex = (channelIndex + 1) % channels.size();
      call(channel, status -> {
        if (status.isOk()) {
          recorder.recordValue(System.nanoTime() - intended);
          ok.incrementAndGet();
        } else {
          errors.incrementAndGet();
        }
        inFlight.decrementAndGet();
      });
      scheduled++;
    }
    long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram histogram = recorder.getIntervalHistogram();
    return new LatencyResult(ok.get(), errors.get(), inFlight.get(), seconds, histogram);
  }

  /** Starts one unary call; {@code onClose} runs on the event loop with its status. */
  private void call(ManagedChannel channel, java.util.function.Consumer<Status> onClose) {
    ClientCall<byte[], byte[]> call = channel.newCall(EchoMethods.UNARY_METHOD, CallOptions.DEFAULT);
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onClose(Status status, Metadata trailers) {
        onClose.accept(status);
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(payload);
    call.halfClose();
  }
}
