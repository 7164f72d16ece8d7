package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTPRoute/GRPCRoute cross-serving rule (grpcroute_types.go GRPCRouteSpec.Hostnames, v1.6.1):
 * "If a Route (A) of type HTTPRoute or GRPCRoute is attached to a Listener and that listener
 * already has another Route (B) of the other type attached and the intersection of the hostnames
 * of A and B is non-empty, then the implementation MUST accept exactly one of these two routes
 * ... The oldest Route based on creation timestamp. The Route appearing first in alphabetical
 * order by "{namespace}/{name}"."
 *
 * <p>Decided per listener, oldest claim first: a claim is kept unless it shares a host with a kept
 * claim of the other kind. (Pairwise "older wins" alone could reject both routes of a pair when
 * the older one had itself lost to a third route.) On a complete tie (same age and
 * namespace/name) the GRPCRoute goes first, since only GRPCRoutes are served here.
 */
final class CrossServing {

  /** A route attached to a listener, serving {@code hostnames} there. */
  record Claim(String kind, HasMetadata route, ListenerState listener, List<String> hostnames) {
    String routeKey() {
      return kind + " " + Meta.key(route);
    }
  }

  private static final Comparator<Claim> ORDER =
      Comparator.comparing(Claim::route, Meta.OLDEST_FIRST)
          .thenComparing(c -> c.kind().equals("GRPCRoute") ? 0 : 1);

  private CrossServing() {}

  /** Listener → keys ("Kind ns/name") of the routes that lose on that listener. */
  static Map<ListenerState, Set<String>> losers(List<Claim> claims) {
    Map<ListenerState, List<Claim>> byListener = new IdentityHashMap<>();
    for (Claim c : claims) {
      byListener.computeIfAbsent(c.listener(), l -> new ArrayList<>()).add(c);
    }
    Map<ListenerState, Set<String>> lost = new IdentityHashMap<>();
    for (Map.Entry<ListenerState, List<Claim>> e : byListener.entrySet()) {
      List<Claim> ordered = new ArrayList<>(e.getValue());
      ordered.sort(ORDER);
      List<Claim> kept = new ArrayList<>();
      for (Claim c : ordered) {
        boolean conflicts = kept.stream().anyMatch(k -> !k.kind().equals(c.kind())
            && Hostnames.anyIntersect(k.hostnames(), c.hostnames()));
        if (conflicts) {
          lost.computeIfAbsent(e.getKey(), l -> new HashSet<>()).add(c.routeKey());
        } else {
          kept.add(c);
        }
      }
    }
    return lost;
  }
}
