package io.grpcconformance.gateway.dataplane;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the data plane. Defaults are in {@link #defaults()}; the two-argument constructor
 * keeps every other setting at its default.
 *
 * @param bindAddress address every listener binds (default {@code 0.0.0.0})
 * @param ephemeralPorts when true each declared port is bound on a free ephemeral port instead (for
 *     embedded use and tests); {@link DataPlane#boundPort(int)} tells which (default false)
 * @param routeDebugHeader when true, proxied responses carry {@code x-gateway-route} naming the
 *     route (kind namespace/name rule N) that served them (default false: no extra header)
 * @param maxMessageBytes largest gRPC message accepted in either direction, in bytes; each stream
 *     buffers at most one message of this size (default 16 MiB, 4× grpc-java's default so the
 *     gateway is rarely the tighter limit)
 * @param flowControlWindowBytes HTTP/2 stream and connection window, in bytes, towards clients and
 *     backends; fixed (no BDP auto-tuning) so memory per stream is bounded by about twice this value
 *     (default 1 MiB, Netty's and grpc-java's default)
 * @param drainTimeout how long a closed or rebound port lets its calls in flight finish before they
 *     are cancelled, and how long {@link DataPlane#close()} waits (default 30 s)
 * @param retiredChannelDelay how long a backend channel whose endpoint left the table stays open
 *     before its graceful shutdown starts; calls already running on it always finish (default 10 s)
 * @param http1Timeout connect and read timeout of an HTTP/1.1 backend exchange (default 10 s)
 * @param eventLoopThreads number of event loop threads serving clients and backends; 0 means one
 *     per available processor, which honours {@code -XX:ActiveProcessorCount} and container CPU
 *     limits (default 0; see {@link EventLoops})
 */
public record DataPlaneConfig(
    String bindAddress,
    boolean ephemeralPorts,
    boolean routeDebugHeader,
    int maxMessageBytes,
    int flowControlWindowBytes,
    Duration drainTimeout,
    Duration retiredChannelDelay,
    Duration http1Timeout,
    int eventLoopThreads) {

  /** Default {@link #maxMessageBytes()}: 16 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  /** Default {@link #flowControlWindowBytes()}: 1 MiB. */
  public static final int DEFAULT_FLOW_CONTROL_WINDOW_BYTES = 1024 * 1024;
  /** Default {@link #drainTimeout()}: 30 s. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@link #retiredChannelDelay()}: 10 s. */
  public static final Duration DEFAULT_RETIRED_CHANNEL_DELAY = Duration.ofSeconds(10);
  /** Default {@link #http1Timeout()}: 10 s. */
  public static final Duration DEFAULT_HTTP1_TIMEOUT = Duration.ofSeconds(10);

  public DataPlaneConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
    }
    if (flowControlWindowBytes < 65_535) {
      throw new IllegalArgumentException(
          "flowControlWindowBytes must be at least 65535 (RFC 9113): " + flowControlWindowBytes);
    }
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(retiredChannelDelay, "retiredChannelDelay");
    Objects.requireNonNull(http1Timeout, "http1Timeout");
    if (eventLoopThreads < 0) {
      throw new IllegalArgumentException("eventLoopThreads must be 0 (one per processor) or more: "
          + eventLoopThreads);
    }
  }

  /** The given address and port mode, every other setting at its default. */
  public DataPlaneConfig(String bindAddress, boolean ephemeralPorts) {
    this(bindAddress, ephemeralPorts, false, DEFAULT_MAX_MESSAGE_BYTES,
        DEFAULT_FLOW_CONTROL_WINDOW_BYTES, DEFAULT_DRAIN_TIMEOUT, DEFAULT_RETIRED_CHANNEL_DELAY,
        DEFAULT_HTTP1_TIMEOUT, 0);
  }

  public static DataPlaneConfig defaults() {
    return new DataPlaneConfig("0.0.0.0", false);
  }

  /** This configuration with {@code x-gateway-route} on or off. */
  public DataPlaneConfig withRouteDebugHeader(boolean enabled) {
    return new DataPlaneConfig(bindAddress, ephemeralPorts, enabled, maxMessageBytes,
        flowControlWindowBytes, drainTimeout, retiredChannelDelay, http1Timeout, eventLoopThreads);
  }

  /** This configuration with another drain timeout. */
  public DataPlaneConfig withDrainTimeout(Duration timeout) {
    return new DataPlaneConfig(bindAddress, ephemeralPorts, routeDebugHeader, maxMessageBytes,
        flowControlWindowBytes, timeout, retiredChannelDelay, http1Timeout, eventLoopThreads);
  }

  /** This configuration with another retired-channel delay. */
  public DataPlaneConfig withRetiredChannelDelay(Duration delay) {
    return new DataPlaneConfig(bindAddress, ephemeralPorts, routeDebugHeader, maxMessageBytes,
        flowControlWindowBytes, drainTimeout, delay, http1Timeout, eventLoopThreads);
  }

  /** This configuration with {@code threads} event loops (0: one per available processor). */
  public DataPlaneConfig withEventLoopThreads(int threads) {
    return new DataPlaneConfig(bindAddress, ephemeralPorts, routeDebugHeader, maxMessageBytes,
        flowControlWindowBytes, drainTimeout, retiredChannelDelay, http1Timeout, threads);
  }
}
