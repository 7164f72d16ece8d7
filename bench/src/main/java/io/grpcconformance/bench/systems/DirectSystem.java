package io.grpcconformance.bench.systems;

/**
 * D: the driver calls the backend itself, which the benchmark moves onto the system-under-test
 * CPU for these runs: the physical limit (performance.md §4).
 */
public final class DirectSystem implements SystemUnderTest {
  private final long backendPid;
  private final int backendPort;

  public DirectSystem(long backendPid, int backendPort) {
    this.backendPid = backendPid;
    this.backendPort = backendPort;
  }

  @Override
  public String id() {
    return "D";
  }

  @Override
  public String label() {
    return "direct (grpc-java echo backend)";
  }

  @Override
  public int plainPort() {
    return backendPort;
  }

  @Override
  public int tlsPort() {
    return -1;
  }

  @Override
  public long pid() {
    return backendPid;
  }

  @Override
  public void close() {
    // the backend belongs to the benchmark, not to this system
  }
}
