package io.grpcconformance.gateway.testkit;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Silences the mock API server's per-request INFO lines so test output stays readable. */
public final class QuietMockServer {
  private static final Logger MOCK_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER.setLevel(Level.WARNING);
  }

  private QuietMockServer() {}

  /** Call from a static initializer of a mock-server test. */
  public static void install() {
    // the static initializer did the work; the logger reference keeps the level alive
  }
}
