package io.grpcconformance.samples;

/**
 * A running Greeter or User service, started in-process by tests and the suite's local
 * environment. Skeleton; replaced by the real implementation.
 */
public final class SampleServer implements AutoCloseable {

  /** Which sample service to run. */
  public enum Kind { GREETER, USER }

  private SampleServer() {}

  /** The bound port. */
  public int port() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
