package io.grpcconformance.bench.report;

/**
 * One measured window: one system, one scenario, one round. NaN marks a value the scenario does
 * not measure (e.g. percentiles from h2load, which prints none).
 *
 * @param round 1-based round, 0 for warm-up
 * @param system D, G, H or N
 * @param scenario the scenario key
 * @param seconds the window's length
 * @param calls OK calls (streaming: messages) in the window
 * @param rps calls (messages) per second
 * @param cpuUsPerCall µs of the system's CPU (utime+stime of its process tree) per call; for D
 *     the backend's
 * @param backendCpuUsPerCall µs of the echo backend's CPU per call
 * @param contextSwitchesPerCall context switches of the system's threads per call (cross-thread
 *     hand-offs and sleeps; 0 would mean every call was served without the thread blocking)
 * @param p50Us median latency, µs
 * @param p99Us 99th percentile, µs
 * @param p999Us 99.9th percentile, µs
 * @param errors calls not OK: driver errors, and calls the driver counted as HTTP successes that
 *     the backend never answered OK (grpc-status check)
 * @param unfinished Java-client calls still in flight 5 s after the window (the system fell
 *     behind an open-loop rate); cancelled, reported apart from errors
 * @param placementOk every thread stayed on its CPU and other work used at most the allowed share
 *     of the system-under-test CPU
 * @param placementNote why placement failed, else empty
 * @param sutCpuBusyPercent how busy the system-under-test CPU was (all work)
 * @param driverCpuBusyPercent how busy the driver CPU was (a saturated driver CPU means the run
 *     measured the driver, not the system)
 * @param foreignPercent the share of the system-under-test CPU used by processes other than the
 *     system (interrupts excluded)
 */
public record Measurement(
    int round,
    String system,
    String scenario,
    double seconds,
    long calls,
    double rps,
    double cpuUsPerCall,
    double backendCpuUsPerCall,
    double contextSwitchesPerCall,
    double p50Us,
    double p99Us,
    double p999Us,
    long errors,
    long unfinished,
    boolean placementOk,
    String placementNote,
    double sutCpuBusyPercent,
    double driverCpuBusyPercent,
    double foreignPercent) {}
