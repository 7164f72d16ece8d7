package io.grpcconformance.gateway.dataplane;

import static io.grpcconformance.gateway.dataplane.TestTables.any;
import static io.grpcconformance.gateway.dataplane.TestTables.backend;
import static io.grpcconformance.gateway.dataplane.TestTables.host;
import static io.grpcconformance.gateway.dataplane.TestTables.http;
import static io.grpcconformance.gateway.dataplane.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Weighted backend choice and round-robin over endpoints, end to end. */
class DataPlaneWeightsTest extends DataPlaneTestSupport {

  @Test
  void weights_70_30_0_within5PointsOver1000Calls() throws Exception {
    TestBackend a = startBackend("a");
    TestBackend b = startBackend("b");
    TestBackend c = startBackend("c");
    Random seeded = new Random(20_240_601);
    DataPlane dataPlane = closeLater(new DataPlane(
        new DataPlaneConfig("127.0.0.1", true).withDrainTimeout(TEST_DRAIN), seeded::nextInt));
    dataPlane.apply(table(1, http(8080, host("*",
        any(backend("a", 70, a), backend("b", 30, b), backend("c", 0, c))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");

    Map<String, Integer> served = new TreeMap<>();
    for (int i = 0; i < 1000; i++) {
      Outcome outcome = sayHello(channel, "w" + i);
      assertThat(outcome.error()).isNull();
      served.merge(outcome.header("x-backend"), 1, Integer::sum);
    }

    assertThat(served.get("a")).isBetween(650, 750);
    assertThat(served.get("b")).isBetween(250, 350);
    assertThat(served).doesNotContainKey("c");
    assertThat(c.received).isEmpty();
  }

  @Test
  void endpoints_roundRobinWithinABackend() throws Exception {
    TestBackend first = startBackend("first");
    TestBackend second = startBackend("second");
    DataPlane dataPlane = dataPlane(table(1, http(8080, host("*",
        any(backend("svc", 1, first, second))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");

    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      order.append(sayHello(channel, "rr").header("x-backend").charAt(0));
    }

    assertThat(order.toString()).isIn("fsfsfs", "sfsfsf");
  }

  @Test
  void invalidBackendShare_unavailableForItsShareOnly() throws Exception {
    TestBackend a = startBackend("a");
    Random seeded = new Random(7);
    DataPlane dataPlane = closeLater(new DataPlane(
        new DataPlaneConfig("127.0.0.1", true).withDrainTimeout(TEST_DRAIN), seeded::nextInt));
    dataPlane.apply(table(1, http(8080, host("*", any(backend("a", 50, a),
        io.grpcconformance.gateway.routing.WeightedBackend.invalid("ns/gone", 50,
            "BackendNotFound: ns/gone"))))));
    ManagedChannel channel = channel(dataPlane, 8080, "x.test");

    int unavailable = 0;
    for (int i = 0; i < 200; i++) {
      Outcome outcome = sayHello(channel, "half");
      if (outcome.error() != null) {
        assertThat(outcome.error().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        unavailable++;
      }
    }

    assertThat(unavailable).isBetween(70, 130);
    assertThat(a.received).hasSize(200 - unavailable);
  }
}
