package io.grpcconformance.gateway.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the level of the root logger's console handlers while open, so thousands of hostile
 * connections do not flood the CI output with grpc-java's per-connection records; a {@link
 * JulLines} capture still sees (and can count) every record.
 */
final class QuietConsole implements AutoCloseable {
  private final List<Handler> handlers = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();

  QuietConsole(Level atLeast) {
    for (Handler h : Logger.getLogger("").getHandlers()) {
      if (!(h instanceof JulLines)) {
        handlers.add(h);
        levels.add(h.getLevel());
        h.setLevel(atLeast);
      }
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < handlers.size(); i++) {
      handlers.get(i).setLevel(levels.get(i));
    }
  }
}
