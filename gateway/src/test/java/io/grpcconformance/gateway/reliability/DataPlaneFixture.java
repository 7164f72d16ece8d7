package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
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
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.samples.SampleServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's data plane on loopback with one h2c port (declared 8080) routing {@code
 * com.example.User} to a User sample service and everything else to a Greeter, for tests that
 * attack the HTTP/2 front directly.
 */
final class DataPlaneFixture implements AutoCloseable {
  /** The declared port of the h2c listener. */
  static final int PORT = 8080;

  /** Deadline of the health calls. */
  static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  private final SampleServer greeter;
  private final SampleServer user;
  private final DataPlane dataPlane;
  private final GatewayChannels channels = new GatewayChannels();
  private final ManagedChannel healthChannel;

  DataPlaneFixture() throws IOException {
    greeter =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("greeter-fixture")
            .graceSeconds(1)
            .start();
    user =
        SampleServer.builder(SampleServer.Kind.USER).name("user-fixture").graceSeconds(1).start();
    dataPlane =
        new DataPlane(
            new DataPlaneConfig("127.0.0.1", true).withDrainTimeout(Duration.ofSeconds(2)));
    assertThat(dataPlane.apply(table())).as("bind problems").isEmpty();
    healthChannel = channels.plaintext(port(), null);
  }

  private RoutingTable table() {
    Route toUser =
        new Route(
            new RouteMatch(PathMatch.prefix("/com.example.User/"), List.of()),
            RouteAction.forward(List.of(backend("user-svc", user))),
            new RouteOrigin("GRPCRoute", "default", "fixture", 0));
    Route toGreeter =
        new Route(
            RouteMatch.ANY,
            RouteAction.forward(List.of(backend("greeter-svc", greeter))),
            new RouteOrigin("GRPCRoute", "default", "fixture", 1));
    PortRoutes routes =
        new PortRoutes(
            PORT,
            PortRoutes.Protocol.HTTP,
            List.of(),
            Optional.empty(),
            List.of(new VirtualHost(VirtualHost.ANY, List.of(toUser, toGreeter))));
    return new RoutingTable(1, Map.of(PORT, routes));
  }

  private static WeightedBackend backend(String name, SampleServer server) {
    return WeightedBackend.valid(
        "default/" + name, 1, List.of(new Endpoint("127.0.0.1", server.port())));
  }

  /** The bound port serving declared port 8080. */
  int port() {
    return dataPlane.boundPort(PORT);
  }

  DataPlane dataPlane() {
    return dataPlane;
  }

  GatewayChannels channels() {
    return channels;
  }

  /** A normal unary call through the gateway; it must reach the Greeter. */
  CallOutcome healthCall() {
    return RawUnary.call(
        healthChannel, "greeter.example.com", "helloworld.Greeter/SayHello", CALL_DEADLINE);
  }

  /** Asserts that a normal call still succeeds and is served by the Greeter backend. */
  void assertServing(String after) {
    CallOutcome outcome = healthCall();
    assertThat(outcome.code())
        .as("normal call after %s: %s", after, outcome)
        .isEqualTo(io.grpc.Status.Code.OK);
    assertThat(outcome.servedBy()).isEqualTo("greeter-fixture");
  }

  @Override
  public void close() {
    channels.close();
    dataPlane.close();
    user.shutdown(Duration.ofSeconds(1));
    greeter.shutdown(Duration.ofSeconds(1));
  }
}
