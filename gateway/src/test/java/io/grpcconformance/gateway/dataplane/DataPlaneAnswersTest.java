package io.grpcconformance.gateway.dataplane;

import static io.grpcconformance.gateway.dataplane.TestTables.SAY_HELLO;
import static io.grpcconformance.gateway.dataplane.TestTables.any;
import static io.grpcconformance.gateway.dataplane.TestTables.backend;
import static io.grpcconformance.gateway.dataplane.TestTables.host;
import static io.grpcconformance.gateway.dataplane.TestTables.http;
import static io.grpcconformance.gateway.dataplane.TestTables.route;
import static io.grpcconformance.gateway.dataplane.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpcconformance.gateway.routing.DirectResponse;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.HeaderMatch;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The gateway's own answers: UNIMPLEMENTED, UNAVAILABLE, direct responses and HTTP/1.1 backends. */
class DataPlaneAnswersTest extends DataPlaneTestSupport {

  @Test
  void unknownHost_unimplementedFromGateway() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("foo.example.com",
        any(backend("a", 1, a))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "bar.example.com"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNIMPLEMENTED, "unmatched");
    assertThat(outcome.error().getStatus().getDescription())
        .contains("'bar.example.com'", "port 8080", SAY_HELLO);
    assertThat(a.received).isEmpty();
  }

  @Test
  void unknownMethod_unimplementedFromGateway() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", route("login",
        PathMatch.exact("/com.example.User/Login"), List.of(),
        RouteAction.forward(List.of(backend("a", 1, a))))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNIMPLEMENTED, "unmatched");
    assertThat(outcome.error().getStatus().getDescription()).contains(SAY_HELLO, "port 8080");
  }

  @Test
  void unmatchedHeader_unimplementedUntilTheHeaderMatches() throws Exception {
    TestBackend canary = startBackend("canary");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", route("canary",
        PathMatch.any(), List.of(HeaderMatch.exact("env", "canary")),
        RouteAction.forward(List.of(backend("canary", 1, canary))))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");
    Metadata stable = new Metadata();
    stable.put(ProxyHeaders.ascii("env"), "stable");
    Metadata canaryHeader = new Metadata();
    canaryHeader.put(ProxyHeaders.ascii("env"), "canary");

    assertGatewayAnswer(sayHello(channel, "x", stable), Status.Code.UNIMPLEMENTED, "unmatched");
    assertThat(sayHello(channel, "x", canaryHeader).reply().getMessage())
        .isEqualTo("Hello x from canary");
  }

  @Test
  void invalidBackend_unavailableWithReason() {
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", any(WeightedBackend.invalid(
        "default/missing:9000", 1, "BackendNotFound: service default/missing not found"))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNAVAILABLE, "unavailable");
    assertThat(outcome.error().getStatus().getDescription())
        .isEqualTo("BackendNotFound: service default/missing not found");
  }

  @Test
  void allWeightsZero_unavailable() throws Exception {
    TestBackend a = startBackend("a");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*",
        any(backend("a", 0, a), backend("b", 0, a))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNAVAILABLE, "unavailable");
    assertThat(outcome.error().getStatus().getDescription()).contains("weight 0");
    assertThat(a.received).isEmpty();
  }

  @Test
  void backendWithoutEndpoints_unavailable() {
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*",
        any(WeightedBackend.valid("default/empty:9000", 1, List.of()))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNAVAILABLE, "unavailable");
    assertThat(outcome.error().getStatus().getDescription())
        .contains("default/empty:9000", "no ready endpoints");
  }

  @Test
  void directResponse_answersWithItsStatus() {
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", route("direct", PathMatch.any(),
        List.of(), RouteAction.answer(DirectResponse.status(7, "denied by test")))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.PERMISSION_DENIED, "direct");
    assertThat(outcome.error().getStatus().getDescription()).isEqualTo("denied by test");
  }

  @Test
  void sslRedirect_answersWithLocation() {
    DirectResponse redirect = new DirectResponse(2, "HTTP status code 308 (ssl-redirect)", 308,
        "https://x.test/");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*", route("redirect",
        PathMatch.any(), List.of(), RouteAction.answer(redirect))))));

    Outcome outcome = sayHello(channel(dataPlane, 8080, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNKNOWN, "redirect");
    assertThat(outcome.trailer("location")).isEqualTo("https://x.test/");
  }

  @Test
  void http1Backend_grpcServerAnswersUnknownStatusZero() throws Exception {
    TestBackend grpcOnly = startBackend("h2c-only");
    DataPlane dataPlane = dataPlane(table(1, http(80, host("*",
        any(backend("http1", 1, BackendProtocol.HTTP1, grpcOnly))))));

    Outcome outcome = sayHello(channel(dataPlane, 80, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNKNOWN, "http1-upstream");
    assertThat(outcome.error().getStatus().getDescription())
        .startsWith("HTTP status code 0, invalid content-type: null");
    assertThat(grpcOnly.received).isEmpty();
  }

  @Test
  void http1Backend_closedPortAnswersUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    DataPlane dataPlane = dataPlane(table(1, http(80, host("*", any(new WeightedBackend("closed",
        1, List.of(new Endpoint("127.0.0.1", closedPort)), BackendProtocol.HTTP1, null))))));

    Outcome outcome = sayHello(channel(dataPlane, 80, "x.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNAVAILABLE, "http1-upstream");
    assertThat(outcome.error().getStatus().getDescription()).startsWith("HTTP status code 502");
  }

  @Test
  void http1Backend_httpStatusMappedAsGrpcClientsDo() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " "
          + exchange.getRequestHeaders().getFirst("Host") + " "
          + exchange.getRequestBody().readAllBytes().length);
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    http.start();
    closeLater(() -> http.stop(0));
    DataPlane dataPlane = dataPlane(table(1, http(80, host("*", any(new WeightedBackend("web", 1,
        List.of(new Endpoint("127.0.0.1", http.getAddress().getPort())), BackendProtocol.HTTP1,
        null))))));

    Outcome outcome = sayHello(channel(dataPlane, 80, "web.test"), "x");

    assertGatewayAnswer(outcome, Status.Code.UNIMPLEMENTED, "http1-upstream");
    // 5-byte gRPC prefix + HelloRequest{name="x"} (3 bytes)
    assertThat(seen.get()).isEqualTo("POST " + SAY_HELLO + " application/grpc web.test 8");
  }

  private static void assertGatewayAnswer(Outcome outcome, Status.Code code, String answer) {
    assertThat(outcome.error()).as("call must fail").isNotNull();
    assertThat(outcome.error().getStatus().getCode()).isEqualTo(code);
    assertThat(outcome.trailer("x-gateway-answer")).isEqualTo(answer);
  }
}
