package io.grpcconformance.bench.dataplane;

import io.grpcconformance.gateway.dataplane.DataPlane;
import io.grpcconformance.gateway.dataplane.DataPlaneConfig;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.tls.IssuedCertificate;
import io.grpcconformance.gateway.tls.SelfSignedCertificates;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's data plane without its control plane: the routing table the translator would
 * produce for the benchmark's manifests (one h2c port, one HTTPS port, one route for
 * {@code bench.Echo} to the echo backend), applied to {@link DataPlane}. Prints the same
 * {@code LISTENING <declared> <bind>:<actual> <HTTP|HTTPS>} lines as the gateway's standalone
 * mode, so the benchmark drives it the same way ({@code GATEWAY_MODE=dataplane}).
 */
public final class DataPlaneLauncher {
  private static final String BIND = "127.0.0.1";

  private DataPlaneLauncher() {}

  /** Binds the two ports and returns the running data plane. */
  public static DataPlane start(int plainPort, int tlsPort, int backendPort, PrintStream out) {
    WeightedBackend backend = WeightedBackend.valid("default/echo:" + backendPort, 1,
        List.of(new Endpoint(BIND, backendPort)));
    Route route = new Route(new RouteMatch(PathMatch.prefix("/bench.Echo/"), List.of()),
        RouteAction.forward(List.of(backend)), new RouteOrigin("GRPCRoute", "default", "echo", 0));
    VirtualHost host = new VirtualHost(VirtualHost.ANY, List.of(route));
    IssuedCertificate issued = SelfSignedCertificates.selfSigned("localhost",
        List.of("localhost", "127.0.0.1"), Duration.ofDays(2));
    ServerCertificate certificate = issued.toServerCertificate("", "generated bench certificate");
    RoutingTable table = new RoutingTable(1, Map.of(
        plainPort, new PortRoutes(plainPort, PortRoutes.Protocol.HTTP, List.of(),
            Optional.empty(), List.of(host)),
        tlsPort, new PortRoutes(tlsPort, PortRoutes.Protocol.HTTPS, List.of(certificate),
            Optional.empty(), List.of(host))));
    DataPlane dataPlane = new DataPlane(new DataPlaneConfig(BIND, false));
    List<String> problems = dataPlane.apply(table);
    if (!problems.isEmpty()) {
      dataPlane.close();
      throw new IllegalStateException("data plane could not bind: " + problems);
    }
    for (Map.Entry<Integer, PortRoutes> port : table.ports().entrySet()) {
      out.println("LISTENING " + port.getKey() + " " + BIND + ":"
          + dataPlane.boundPort(port.getKey()) + " " + port.getValue().protocol());
    }
    out.flush();
    return dataPlane;
  }
}
