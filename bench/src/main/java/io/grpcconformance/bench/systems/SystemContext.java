package io.grpcconformance.bench.systems;

import java.nio.file.Path;
import java.util.List;

/**
 * What every system needs to start.
 *
 * @param confDir the templates ({@code bench/conf})
 * @param workDir a scratch folder for rendered configurations
 * @param logDir where process logs go
 * @param certificates the TLS certificate proxies terminate with
 * @param backendPort the echo backend's port on 127.0.0.1
 * @param sutCpu the CPU the system under test is pinned to
 * @param javaCommand the java launcher for JVM systems
 * @param gatewayJar {@code gateway/target/gateway.jar}
 * @param gatewayMode {@code standalone} or {@code dataplane} (see BenchSettings)
 * @param benchJar this module's jar (for {@code dataplane} mode)
 * @param gatewayJvmOptions JVM flags for the gateway (heap, GC log, JFR, ...)
 */
public record SystemContext(Path confDir, Path workDir, Path logDir,
    BenchCertificates certificates, int backendPort, int sutCpu, String javaCommand,
    Path gatewayJar, String gatewayMode, Path benchJar, List<String> gatewayJvmOptions) {

  /** The loopback address every server binds and every driver calls. */
  public static final String LOOPBACK = "127.0.0.1";

  public SystemContext {
    gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
  }
}
