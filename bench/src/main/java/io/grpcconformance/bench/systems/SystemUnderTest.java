package io.grpcconformance.bench.systems;

/**
 * One path from the driver to the echo backend (performance.md §6a): D direct, G the embedded
 * gateway, H HAProxy, N nginx. Its measured process tree runs alone on the system-under-test CPU.
 */
public interface SystemUnderTest extends AutoCloseable {

  /** One letter: D, G, H or N. */
  String id();

  /** A human name with the version, for reports. */
  String label();

  /** The h2c port the driver calls. */
  int plainPort();

  /** The TLS port (TLS terminated here, h2c to the backend), or -1 when there is none. */
  int tlsPort();

  /** The root of the process tree whose CPU time is this system's cost. */
  long pid();

  /** Stops the processes this system started (the direct system starts none). */
  @Override
  void close();
}
