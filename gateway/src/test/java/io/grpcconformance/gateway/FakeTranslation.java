package io.grpcconformance.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.testkit.StatusFixtures;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stands in for the translator until it is merged: every Gateway listener port becomes a port of
 * the table (HTTPS when the listener says so) and every Gateway gets an accepted status.
 */
final class FakeTranslation {
  private FakeTranslation() {}

  static TranslationResult translate(GatewaySnapshot snapshot) {
    Map<Integer, PortRoutes> ports = new TreeMap<>();
    List<io.fabric8.kubernetes.api.model.HasMetadata> statuses = new ArrayList<>();
    for (Gateway gateway : snapshot.gateways()) {
      gateway.getSpec().getListeners().forEach(l -> ports.put(l.getPort(), new PortRoutes(
          l.getPort(), PortRoutes.Protocol.valueOf(l.getProtocol()), List.of(), Optional.empty(),
          List.of())));
      statuses.add(StatusFixtures.gateway(gateway.getMetadata().getNamespace(),
          gateway.getMetadata().getName(), "True"));
    }
    return new TranslationResult(new RoutingTable(1, ports), statuses, List.of());
  }
}
