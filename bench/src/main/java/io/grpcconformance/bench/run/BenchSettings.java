package io.grpcconformance.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every knob of one benchmark run. bench/run.sh documents the defaults at its top and passes them
 * as flags ({@link io.grpcconformance.bench.BenchMain}).
 *
 * @param rounds measured rounds (medians are taken over them)
 * @param warmup the gateway's unary warm-up (JIT); the other systems warm up for a quarter of it
 * @param saturation one unary saturation window (h2c and TLS)
 * @param oneInFlight one ping-pong window
 * @param fixedLoad one fixed-load window
 * @param streaming one streaming window
 * @param sutCpu the CPU the system under test runs on alone
 * @param driverCpu the CPU the drivers and (except for D) the backend share
 * @param h2loadConnections h2load {@code -c}
 * @param h2loadStreams h2load {@code -m} (streams per connection)
 * @param payloadBytes unary request and response size
 * @param loadFraction the fixed load as a fraction of the gateway's saturation rate
 * @param loadConnections connections the fixed-load client spreads calls over
 * @param streamConnections streaming connections
 * @param streamsPerConnection concurrent streams per streaming connection
 * @param messagesPerStream messages each Stream call returns
 * @param systems the systems to measure, in interleaving order (D, G, H, N)
 * @param scenarios the scenarios, in order
 * @param foreignMaxPercent a window counts as placed only if other work used at most this share
 *     of the system-under-test CPU
 * @param settle pause before each window so the previous one's connections are closed
 * @param confDir configuration templates
 * @param outDir where results go (target/bench)
 * @param gatewayJar gateway/target/gateway.jar
 * @param gatewayMode {@code standalone} (the gateway jar's standalone command, the product) or
 *     {@code dataplane} (the DataPlane alone with the same routing table, from the bench jar)
 * @param gatewayJvmOptions JVM options of the gateway
 * @param backendJvmOptions JVM options of the echo backend
 * @param benchJar this module's jar (the backend runs from it)
 */
public record BenchSettings(
    int rounds,
    Duration warmup,
    Duration saturation,
    Duration oneInFlight,
    Duration fixedLoad,
    Duration streaming,
    int sutCpu,
    int driverCpu,
    int h2loadConnections,
    int h2loadStreams,
    int payloadBytes,
    double loadFraction,
    int loadConnections,
    int streamConnections,
    int streamsPerConnection,
    int messagesPerStream,
    List<String> systems,
    List<Scenario> scenarios,
    double foreignMaxPercent,
    Duration settle,
    Path confDir,
    Path outDir,
    Path gatewayJar,
    String gatewayMode,
    List<String> gatewayJvmOptions,
    List<String> backendJvmOptions,
    Path benchJar) {

  public BenchSettings {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
    if (sutCpu == driverCpu) {
      throw new IllegalArgumentException("the system-under-test CPU and the driver CPU must differ");
    }
    if (loadFraction <= 0 || loadFraction > 1) {
      throw new IllegalArgumentException("load fraction must be in (0, 1]: " + loadFraction);
    }
    systems = List.copyOf(systems);
    for (String s : systems) {
      if (!List.of("D", "G", "H", "N").contains(s)) {
        throw new IllegalArgumentException("unknown system '" + s + "'; known: D, G, H, N");
      }
    }
    scenarios = List.copyOf(scenarios);
    if (!List.of("standalone", "dataplane").contains(gatewayMode)) {
      throw new IllegalArgumentException(
          "gateway mode must be standalone or dataplane: " + gatewayMode);
    }
    gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
    backendJvmOptions = List.copyOf(backendJvmOptions);
  }

  /** The work folder (rendered configurations, certificates, logs). */
  public Path workDir() {
    return outDir.resolve("work");
  }

  /** Process logs. */
  public Path logDir() {
    return workDir().resolve("logs");
  }
}
