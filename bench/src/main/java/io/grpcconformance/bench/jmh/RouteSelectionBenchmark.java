package io.grpcconformance.bench.jmh;

import io.grpcconformance.gateway.routing.RandomSource;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteSelector;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.util.List;
import java.util.Map;
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
 * Route selection on a large table ({@code hosts} virtual hosts × {@code routesPerHost} routes,
 * 1,000 routes by default) with the gateway's {@link RouteSelector}, per call as the data plane
 * does it: virtual host by authority, first matching route, weighted backend. Run with
 * {@code java -jar bench/target/benchmarks.jar RouteSelection}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteSelectionBenchmark {

  @Param({"100"})
  int hosts;

  @Param({"10"})
  int routesPerHost;

  private List<VirtualHost> table;
  private VirtualHost lastExactHost;
  private String lastExactAuthority;
  private String wildcardAuthority;
  private String firstRoutePath;
  private String lastRoutePath;
  private String regexRoutePath;
  private String unmatchedPath;
  private RouteSelector.HeaderLookup regexHeaders;
  private RouteSelector.HeaderLookup noHeaders;
  private final RandomSource random = RandomSource.threadLocal();

  @Setup
  public void setUp() {
    table = RouteTables.hosts(hosts, routesPerHost);
    int last = hosts - 2; // hosts-1 is a wildcard host
    lastExactHost = table.get(last);
    lastExactAuthority = RouteTables.host(last) + ":443";
    wildcardAuthority = "a.b.zone-" + (hosts - 1) + ".example.com:443";
    firstRoutePath = "/pkg.S0/Get";
    lastRoutePath = "/pkg.S" + (routesPerHost - 1) + "/Anything";
    regexRoutePath = "/pkg.S3/ListUsers";
    unmatchedPath = "/other.Service/Method";
    Map<String, String> headers = Map.of("x-user", "user-123456", "x-env", "prod");
    regexHeaders = headers::get;
    noHeaders = name -> null;
  }

  /** Exact authority of a host near the end of the list (the scan cost of exact names). */
  @Benchmark
  public VirtualHost virtualHostExact() {
    return RouteSelector.selectVirtualHost(table, lastExactAuthority);
  }

  /** A wildcard host: the whole list is scanned for the longest wildcard suffix. */
  @Benchmark
  public VirtualHost virtualHostWildcard() {
    return RouteSelector.selectVirtualHost(table, wildcardAuthority);
  }

  /** The first route matches. */
  @Benchmark
  public Route routeFirst() {
    return RouteSelector.selectRoute(lastExactHost, firstRoutePath, noHeaders);
  }

  /** Path regex plus header regex (route 3). */
  @Benchmark
  public Route routeRegex() {
    return RouteSelector.selectRoute(lastExactHost, regexRoutePath, regexHeaders);
  }

  /** The last route (a prefix) matches after every other route was tried. */
  @Benchmark
  public Route routeLast() {
    return RouteSelector.selectRoute(lastExactHost, lastRoutePath, regexHeaders);
  }

  /** Nothing matches: every route tried, including every regex (the UNIMPLEMENTED path). */
  @Benchmark
  public Route routeNone() {
    return RouteSelector.selectRoute(lastExactHost, unmatchedPath, regexHeaders);
  }

  /** What the data plane does per call: host, route, backend. */
  @Benchmark
  public WeightedBackend perCall() {
    VirtualHost host = RouteSelector.selectVirtualHost(table, lastExactAuthority);
    Route route = RouteSelector.selectRoute(host, regexRoutePath, regexHeaders);
    return RouteSelector.pickBackend(route.action(), random);
  }
}
