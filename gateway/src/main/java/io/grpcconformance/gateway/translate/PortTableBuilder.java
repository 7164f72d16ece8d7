package io.grpcconformance.gateway.translate;

import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Collects what is served through programmed listeners and builds one {@link PortRoutes} per port:
 * the port's protocol, the certificates of all its HTTPS listeners (one per listener hostname and
 * certificateRef, most specific hostname first, "" = any SNI last; Gateway listeners have no
 * fallback certificate, so an unknown SNI fails the handshake) and its virtual hosts.
 */
final class PortTableBuilder {
  private final Map<Integer, List<ListenerState>> listeners = new TreeMap<>();
  /** port → slot hostname → route key → served hosts. */
  private final Map<Integer, Map<String, Map<String, VirtualHostBuilder.SlotRoute>>> slots =
      new TreeMap<>();

  /** Adds a programmed listener (in oldest-Gateway-first order); its hostname becomes a slot. */
  void listener(ListenerState l) {
    listeners.computeIfAbsent(l.port, p -> new ArrayList<>()).add(l);
    slots.computeIfAbsent(l.port, p -> new LinkedHashMap<>())
        .computeIfAbsent(l.hostname, h -> new LinkedHashMap<>());
  }

  /** Serves {@code route} for {@code hostnames} through programmed listener {@code l}. */
  void serve(ListenerState l, CompiledRoute route, List<String> hostnames) {
    Map<String, VirtualHostBuilder.SlotRoute> slot = slots.get(l.port).get(l.hostname);
    VirtualHostBuilder.SlotRoute existing = slot.get(route.key());
    if (existing == null) {
      slot.put(route.key(), new VirtualHostBuilder.SlotRoute(route,
          new TreeSet<>(hostnames)));
    } else {
      existing.hostnames().addAll(hostnames);
    }
  }

  Map<Integer, PortRoutes> build() {
    Map<Integer, PortRoutes> out = new TreeMap<>();
    for (Map.Entry<Integer, List<ListenerState>> e : listeners.entrySet()) {
      List<ListenerState> onPort = e.getValue();
      PortRoutes.Protocol protocol = onPort.get(0).wireProtocol;
      List<ServerCertificate> certs = new ArrayList<>();
      onPort.forEach(l -> certs.addAll(l.certificates));
      certs.sort(Comparator.comparing(c -> Hostnames.normalize(c.hostname()),
          Hostnames.MOST_SPECIFIC_FIRST));
      Map<String, List<VirtualHostBuilder.SlotRoute>> portSlots = new LinkedHashMap<>();
      slots.get(e.getKey()).forEach((host, routes) ->
          portSlots.put(host, new ArrayList<>(routes.values())));
      out.put(e.getKey(), new PortRoutes(e.getKey(), protocol,
          protocol == PortRoutes.Protocol.HTTPS ? certs : List.of(), Optional.empty(),
          VirtualHostBuilder.build(portSlots)));
    }
    return out;
  }
}
