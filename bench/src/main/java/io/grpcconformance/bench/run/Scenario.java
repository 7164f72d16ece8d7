package io.grpcconformance.bench.run;

/** The measured scenarios (performance.md §6c), in the order each round runs them. */
public enum Scenario {
  /** Unary saturation over h2c, h2load closed loop: calls/s and proxy CPU per call. */
  UNARY_H2C("unary_h2c", "Unary saturation, h2c", "calls/s", true),
  /** Unary saturation with TLS terminated at the proxy (h2c to the backend); not for D. */
  UNARY_TLS("unary_tls", "Unary saturation, TLS at the proxy", "calls/s", true),
  /** One call in flight, closed loop (Java client): added latency. */
  ONE_IN_FLIGHT("one_in_flight", "One call in flight", "calls/s", false),
  /** Open loop at a fixed rate, ~half the gateway's maximum (Java client): p50/p99/p99.9. */
  FIXED_LOAD("fixed_load", "Fixed load (~50% of gateway max)", "calls/s", false),
  /** Server streaming (Java client): messages/s and proxy CPU per message. */
  SERVER_STREAMING("server_streaming", "Server streaming, 10 B messages", "messages/s", false);

  private final String key;
  private final String title;
  private final String unit;
  private final boolean h2load;

  Scenario(String key, String title, String unit, boolean h2load) {
    this.key = key;
    this.title = title;
    this.unit = unit;
    this.h2load = h2load;
  }

  /** The name used in results.json. */
  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  /** What {@code rps} counts in this scenario. */
  public String unit() {
    return unit;
  }

  /** Whether h2load drives it (else the Java client). */
  public boolean usesH2load() {
    return h2load;
  }

  /** The scenario whose {@link #key()} is {@code key}. */
  public static Scenario byKey(String key) {
    for (Scenario s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + key + "'; known: unary_h2c, "
        + "unary_tls, one_in_flight, fixed_load, server_streaming");
  }
}
