package io.grpcconformance.bench.jmh;

import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteSelector;
import io.grpcconformance.gateway.routing.VirtualHost;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The worst case for first-match selection: ONE virtual host holding every route (1,000 by
 * default, a fifth of them regular expressions), and a call that matches only the last one. Shows
 * whether the linear scan needs an index (e.g. a map from exact path to first candidate).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FlatTableBenchmark {

  @Param({"1000"})
  int routes;

  private VirtualHost host;
  private String lastPath;
  private RouteSelector.HeaderLookup headers;

  @Setup
  public void setUp() {
    host = new VirtualHost(VirtualHost.ANY, RouteTables.routes(0, routes));
    lastPath = "/pkg.S" + (routes - 1) + "/Anything";
    headers = name -> "x-user".equals(name) ? "user-42" : null;
  }

  /** Every route is tried before the last one matches. */
  @Benchmark
  public Route lastOfAll() {
    return RouteSelector.selectRoute(host, lastPath, headers);
  }
}
