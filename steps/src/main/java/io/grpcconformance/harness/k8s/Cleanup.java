package io.grpcconformance.harness.k8s;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

/**
 * Undo actions registered while a scenario runs, executed last-in first-out when it ends (passed or
 * failed). One failing action never stops the others; failures are returned as one-line messages.
 */
public final class Cleanup {

  private static final Logger LOG = Logger.getLogger(Cleanup.class.getName());

  private record Action(String what, Runnable run) {}

  private final Deque<Action> actions = new ArrayDeque<>();

  /** Registers {@code run}, described by {@code what} for logs. */
  public synchronized void register(String what, Runnable run) {
    actions.push(new Action(what, run));
  }

  /** How many actions are pending. */
  public synchronized int pending() {
    return actions.size();
  }

  /** Runs every pending action, newest first, and returns the failures. */
  public List<String> runAll() {
    List<String> failures = new ArrayList<>();
    while (true) {
      Action a;
      synchronized (this) {
        a = actions.poll();
      }
      if (a == null) {
        return failures;
      }
      try {
        a.run().run();
      } catch (RuntimeException e) {
        String line = "cleanup '" + a.what() + "' failed: " + e.getMessage();
        LOG.warning(line);
        failures.add(line);
      }
    }
  }
}
