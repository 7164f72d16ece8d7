package io.grpcconformance.gateway.translate;

import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the virtual hosts of one port from its listener slots.
 *
 * <p>The data plane picks one virtual host per call by authority: an exact hostname first, then
 * the longest matching wildcard suffix, then {@code *}; and takes the first matching route in it,
 * never looking at another virtual host. The list is returned most specific first, so "the first
 * virtual host whose hostname covers the authority" is that same choice.
 *
 * <p>How that encodes the spec:
 *
 * <ul>
 *   <li><b>Listener isolation</b> (gateway_types.go "General Listener behavior": a request SHOULD
 *       match at most one listener, exact hostname over wildcard over none). A <i>slot</i> is a
 *       listener hostname on this port (listeners of several Gateways with the same hostname share
 *       one), holding the routes attached to those listeners with the hosts they serve there
 *       (route ∩ listener hostnames). For a virtual host V the routes come only from the most
 *       specific slot whose hostname covers V. Every slot hostname is itself a virtual host (empty
 *       if no route attached), so a host that belongs to a more specific listener can never fall
 *       through to a less specific virtual host: a route attached only to {@code *.bar.com} is not
 *       served for {@code foo.bar.com} when a {@code foo.bar.com} listener exists on the port.
 *   <li><b>Falling through to broader route hostnames.</b> The virtual host names are the slot
 *       hostnames plus every served route host. V contains every route of its slot having a host
 *       that covers V (an exact V: equal, a wildcard covering it, or none), ordered by {@link
 *       Precedence} with the most specific such host as the "matching hostname". So a call to
 *       {@code foo.example.com} that matches no rule of the route for {@code foo.example.com} still
 *       reaches a matching rule of a route for {@code *.example.com} or for any host, after the
 *       more specific routes.
 *   <li>Why one list per V is right for every authority the data plane sends to V: any slot or
 *       route host matching such an authority is itself a virtual host, so it is V or a pattern
 *       covering V (else the data plane would have picked it instead of V). The slot and the
 *       candidate routes therefore depend on V alone.
 * </ul>
 */
final class VirtualHostBuilder {

  /** A route in a slot and the hosts it serves through that slot's listeners. */
  record SlotRoute(CompiledRoute route, Set<String> hostnames) {}

  private VirtualHostBuilder() {}

  /** @param slots listener hostname ({@link Hostnames#ANY} for none) → routes served there */
  static List<VirtualHost> build(Map<String, List<SlotRoute>> slots) {
    Set<String> names = new TreeSet<>(Hostnames.MOST_SPECIFIC_FIRST);
    names.addAll(slots.keySet());
    slots.values().forEach(list -> list.forEach(sr -> names.addAll(sr.hostnames())));
    List<String> slotNames = new ArrayList<>(slots.keySet());
    slotNames.sort(Hostnames.MOST_SPECIFIC_FIRST);

    List<VirtualHost> out = new ArrayList<>();
    for (String vhost : names) {
      String slot = slotNames.stream().filter(s -> Hostnames.covers(s, vhost)).findFirst()
          .orElse(null);
      if (slot == null) {
        continue; // unreachable: every route host lies inside its listener's hostname
      }
      List<Precedence.Candidate> candidates = new ArrayList<>();
      for (SlotRoute sr : slots.get(slot)) {
        String matching = sr.hostnames().stream().filter(h -> Hostnames.covers(h, vhost))
            .min(Hostnames.MOST_SPECIFIC_FIRST).orElse(null);
        if (matching == null) {
          continue;
        }
        for (CompiledRoute.Rule rule : sr.route().rules()) {
          for (CompiledRoute.Match match : rule.matches()) {
            candidates.add(new Precedence.Candidate(matching, sr.route(), rule, match));
          }
        }
      }
      candidates.sort(Precedence.ORDER);
      List<Route> routes = new ArrayList<>();
      for (Precedence.Candidate c : candidates) {
        routes.add(new Route(c.match().match(), c.rule().action(), new RouteOrigin("GRPCRoute",
            Meta.namespace(c.route().route()), Meta.name(c.route().route()), c.rule().index())));
      }
      out.add(new VirtualHost(vhost, routes));
    }
    return out;
  }
}
