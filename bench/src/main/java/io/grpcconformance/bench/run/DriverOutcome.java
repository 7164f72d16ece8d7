package io.grpcconformance.bench.run;

/**
 * What the driver saw in one window.
 *
 * @param okCalls calls the driver counted as successful (h2load: 2xx; Java client: status OK;
 *     streaming: messages received)
 * @param errors calls the driver counted as failed
 * @param unfinished calls still in flight when the driver stopped: h2load's duration mode drops
 *     its in-flight requests (an artifact, not reported); the Java clients give up on calls
 *     still open {@code DRAIN_TIMEOUT} after the window (a system behind an open-loop rate)
 * @param p50Us median latency in µs, NaN when not measured
 * @param p99Us 99th percentile in µs, NaN when not measured
 * @param p999Us 99.9th percentile in µs, NaN when not measured
 * @param placementNote a driver placement problem, else empty
 */
record DriverOutcome(long okCalls, long errors, long unfinished, double p50Us, double p99Us,
    double p999Us, String placementNote) {}
