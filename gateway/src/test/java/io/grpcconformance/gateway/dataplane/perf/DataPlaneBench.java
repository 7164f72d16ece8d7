package io.grpcconformance.gateway.dataplane.perf;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpcconformance.gateway.dataplane.DataPlane;
import io.grpcconformance.gateway.dataplane.DataPlaneConfig;
import io.grpcconformance.gateway.dataplane.TestCertificates;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteMatch;
import io.grpcconformance.gateway.routing.RouteOrigin;
import io.grpcconformance.gateway.routing.PathMatch;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * In-JVM loopback microbenchmark of the data plane (not a test; run by hand). For each round and
 * scenario it measures the same backend reached directly and through a {@link DataPlane}, and
 * prints calls (or messages) per second, CPU per call of the gateway's own threads and of the
 * whole process, bytes the gateway allocates per call, latency percentiles and the longest GC
 * pause of the whole JVM (client and backend included); then medians over the rounds.
 *
 * <pre>
 * java -cp gateway/target/test-classes:gateway/target/classes:$(cat cp.txt) \
 *   io.grpcconformance.gateway.dataplane.perf.DataPlaneBench \
 *   [rounds [warmupSec [measureSec [scenario,... [target,...]]]]]
 * </pre>
 *
 * Scenarios: {@code unary32} (32 unary calls in flight over 4 connections), {@code pingpong} (one
 * call in flight, latency), {@code stream} (8 server streams of 1000 10-byte messages each, over 2
 * connections), {@code stream64k} (2 server streams of 200 64-KiB messages each), {@code
 * unary32-tls} (the gateway terminating TLS; no direct variant).
 */
public final class DataPlaneBench {
  private static final int GATEWAY_PORT = 8080;
  private static final int GATEWAY_TLS_PORT = 8443;
  private static final String AUTHORITY = "bench.test";

  private final int warmupSeconds;
  private final int measureSeconds;
  private final List<String> targets;
  private final Map<String, List<double[]>> results = new LinkedHashMap<>();

  private DataPlaneBench(int warmupSeconds, int measureSeconds, List<String> targets) {
    this.warmupSeconds = warmupSeconds;
    this.measureSeconds = measureSeconds;
    this.targets = targets;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int measure = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> scenarios = args.length > 3 ? Arrays.asList(args[3].split(","))
        : List.of("unary32", "pingpong", "stream", "unary32-tls");
    List<String> targets = args.length > 4 ? Arrays.asList(args[4].split(","))
        : List.of("direct", "gateway");
    new DataPlaneBench(warmup, measure, targets).run(rounds, scenarios);
    System.exit(0);
  }

  private void run(int rounds, List<String> scenarios) throws Exception {
    ServerCertificate certificate = TestCertificates.serverCertificate(AUTHORITY, "");
    try (BenchBackend backend = new BenchBackend();
        DataPlane dataPlane = new DataPlane(new DataPlaneConfig("127.0.0.1", true))) {
      dataPlane.apply(table(backend.port(), certificate));
      int plain = dataPlane.boundPort(GATEWAY_PORT);
      int tls = dataPlane.boundPort(GATEWAY_TLS_PORT);
      ChannelCredentials insecure = InsecureChannelCredentials.create();
      ChannelCredentials trusting = TlsChannelCredentials.newBuilder()
          .trustManager(new ByteArrayInputStream(pem(TestCertificates.caCertificate()))).build();
      System.out.printf("%-22s %10s %9s %9s %10s %8s %8s %8s %6s %7s%n", "round scenario target",
          "calls/s", "gw-us/op", "proc-us", "gw-B/op", "p50-us", "p99-us", "p999-us", "errors",
          "gc-ms");
      // Round 0 runs every scenario once unrecorded, so the JIT has compiled the whole path (the
      // first scenario would otherwise measure a partly interpreted JVM).
      for (int round = 0; round <= rounds; round++) {
        for (String scenario : scenarios) {
          switch (scenario) {
            case "unary32" -> {
              measure(round, scenario, "direct", backend.port(), insecure, c -> c.startUnary(32), 4);
              measure(round, scenario, "gateway", plain, insecure, c -> c.startUnary(32), 4);
            }
            case "pingpong" -> {
              measure(round, scenario, "direct", backend.port(), insecure, c -> c.startUnary(1), 1);
              measure(round, scenario, "gateway", plain, insecure, c -> c.startUnary(1), 1);
            }
            case "stream" -> {
              measure(round, scenario, "direct", backend.port(), insecure,
                  c -> c.startStreams(8, 1000, BenchTransport.MESSAGE.length), 2);
              measure(round, scenario, "gateway", plain, insecure,
                  c -> c.startStreams(8, 1000, BenchTransport.MESSAGE.length), 2);
            }
            case "stream64k" -> {
              measure(round, scenario, "direct", backend.port(), insecure,
                  c -> c.startStreams(2, 200, 64 * 1024), 2);
              measure(round, scenario, "gateway", plain, insecure,
                  c -> c.startStreams(2, 200, 64 * 1024), 2);
            }
            case "unary32-tls" ->
                measure(round, scenario, "gateway", tls, trusting, c -> c.startUnary(32), 4);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
          }
        }
      }
      System.out.println("\nmedians over " + rounds + " rounds:");
      results.forEach((key, values) -> System.out.println(line(key, median(values))));
    }
  }

  private void measure(int round, String scenario, String target, int port,
      ChannelCredentials credentials, java.util.function.Consumer<BenchClient> load,
      int connections) throws Exception {
    if (!targets.contains(target)) {
      return;
    }
    try (BenchClient client = new BenchClient(port, connections, credentials, AUTHORITY)) {
      load.accept(client);
      sleepSeconds(warmupSeconds);
      boolean streaming = scenario.startsWith("stream");
      ThreadCpu before = ThreadCpu.now();
      long okBefore = streaming ? client.messages.get() : client.ok.get();
      long errorsBefore = client.errors.get();
      long start = System.nanoTime();
      GcPauses.reset();
      client.record(true);
      sleepSeconds(measureSeconds);
      client.record(false);
      long elapsed = System.nanoTime() - start;
      ThreadCpu after = ThreadCpu.now();
      long ops = (streaming ? client.messages.get() : client.ok.get()) - okBefore;
      long[] gateway = after.since(before, "gateway");
      long[] latencies = client.sortedLatencies();
      double[] row = {
          ops * 1e9 / elapsed,
          gateway[0] / 1e3 / ops,
          after.processCpuSince(before) / 1e3 / ops,
          (double) gateway[1] / ops,
          percentile(latencies, 0.50) / 1e3,
          percentile(latencies, 0.99) / 1e3,
          percentile(latencies, 0.999) / 1e3,
          client.errors.get() - errorsBefore,
          GcPauses.maxPauseMillis()};
      String key = scenario + " " + target;
      if (round > 0) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
      System.out.println(line((round == 0 ? "warm-up" : round) + " " + key, row));
    }
  }

  private static String line(String key, double[] row) {
    return String.format("%-22s %10.0f %9.2f %9.2f %10.0f %8.1f %8.1f %8.1f %6.0f %7.0f", key,
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]);
  }

  private static double[] median(List<double[]> rows) {
    double[] median = new double[rows.get(0).length];
    for (int i = 0; i < median.length; i++) {
      final int column = i;
      double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
      median[i] = values[values.length / 2];
    }
    return median;
  }

  private static double percentile(long[] sorted, double quantile) {
    return sorted.length == 0 ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  }

  private static void sleepSeconds(int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(end - System.nanoTime());
    }
  }

  private static RoutingTable table(int backendPort, ServerCertificate certificate) {
    WeightedBackend backend = new WeightedBackend("echo", 1,
        List.of(new Endpoint("127.0.0.1", backendPort)), WeightedBackend.BackendProtocol.H2C,
        null);
    Route route = new Route(new RouteMatch(PathMatch.any(), List.of()),
        RouteAction.forward(List.of(backend)), new RouteOrigin("GRPCRoute", "bench", "echo", 0));
    List<VirtualHost> hosts = List.of(new VirtualHost("*", List.of(route)));
    Map<Integer, PortRoutes> ports = new LinkedHashMap<>();
    ports.put(GATEWAY_PORT, new PortRoutes(GATEWAY_PORT, PortRoutes.Protocol.HTTP, List.of(),
        Optional.empty(), hosts));
    ports.put(GATEWAY_TLS_PORT, new PortRoutes(GATEWAY_TLS_PORT, PortRoutes.Protocol.HTTPS,
        List.of(certificate), Optional.empty(), hosts));
    return new RoutingTable(1, ports);
  }

  private static byte[] pem(java.security.cert.X509Certificate certificate)
      throws CertificateEncodingException {
    String base64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(certificate.getEncoded());
    return ("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
