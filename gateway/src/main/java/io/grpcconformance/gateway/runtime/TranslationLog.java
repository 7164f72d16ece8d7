package io.grpcconformance.gateway.runtime;

import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.util.StringJoiner;
import java.util.logging.Logger;

/** The log lines of one translation: one per problem, and a one-line summary. */
final class TranslationLog {
  private TranslationLog() {}

  /** One WARNING line per problem; problems already name object and field, never secrets. */
  static void problems(Logger log, long generation, TranslationResult result) {
    for (String problem : result.problems()) {
      log.warning("generation " + generation + ": " + problem);
    }
  }

  /**
   * E.g. {@code generation 3 applied: ports [80/HTTP, 443/HTTPS], 5 routes, 4 statuses, 1 problem};
   * "translated, not applied" when the data plane refused the table.
   */
  static String summary(long generation, TranslationResult result, boolean applied) {
    StringJoiner ports = new StringJoiner(", ", "[", "]");
    int routes = 0;
    for (PortRoutes port : result.table().ports().values()) {
      ports.add(port.port() + "/" + port.protocol());
      for (VirtualHost host : port.virtualHosts()) {
        routes += host.routes().size();
      }
    }
    return "generation " + generation + (applied ? " applied" : " translated, not applied")
        + ": ports " + ports + ", "
        + plural(routes, "route") + ", " + plural(result.statuses().size(), "status") + ", "
        + plural(result.problems().size(), "problem");
  }

  private static String plural(int n, String noun) {
    if (n == 1) {
      return "1 " + noun;
    }
    return n + " " + (noun.endsWith("s") ? noun + "es" : noun + "s");
  }
}
