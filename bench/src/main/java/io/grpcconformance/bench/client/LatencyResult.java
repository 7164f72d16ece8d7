package io.grpcconformance.bench.client;

import org.HdrHistogram.Histogram;

/**
 * What a latency run measured.
 *
 * @param calls calls that ended with status OK
 * @param errors calls that ended with a status other than OK
 * @param unfinished calls still in flight {@link LatencyClient#DRAIN_TIMEOUT} after the window
 *     (a system that fell behind an open-loop rate); they are cancelled, not counted as errors
 * @param seconds the measured window
 * @param nanos latency of the OK calls in nanoseconds (for open loop: from the intended send time,
 *     so queueing behind a slow system counts, i.e. no coordinated omission)
 */
public record LatencyResult(long calls, long errors, long unfinished, double seconds,
    Histogram nanos) {

  /** Completed calls per second. */
  public double rate() {
    return seconds > 0 ? calls / seconds : 0;
  }

  /** The latency at {@code percentile} (0..100) in microseconds. */
  public double micros(double percentile) {
    return nanos.getTotalCount() == 0 ? Double.NaN
        : nanos.getValueAtPercentile(percentile) / 1000.0;
  }
}
