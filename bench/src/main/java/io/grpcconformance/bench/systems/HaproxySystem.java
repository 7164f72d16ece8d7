package io.grpcconformance.bench.systems;

import io.grpcconformance.bench.proc.ManagedProcess;
import io.grpcconformance.bench.proc.Pinning;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * H: HAProxy with HTTP/2 on both sides ({@code proto h2}), one thread pinned to the system-under-test
 * CPU ({@code nbthread 1}, {@code cpu-map}), TLS with ALPN h2 on a second bind (performance.md §6a).
 */
public final class HaproxySystem extends ProcessSystem {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private HaproxySystem(String label, ManagedProcess process, int plainPort, int tlsPort) {
    super("H", label, process, plainPort, tlsPort);
  }

  /** Renders {@code conf/haproxy.cfg.tmpl}, checks it and starts HAProxy in the foreground. */
  public static HaproxySystem start(SystemContext context)
      throws IOException, InterruptedException {
    int plain = Ports.free();
    int tls = Ports.free();
    Path dir = context.workDir().resolve("haproxy");
    Path config = Template.renderFile(context.confDir().resolve("haproxy.cfg.tmpl"), Map.of(
        "SUT_CPU", Integer.toString(context.sutCpu()),
        "PLAIN_PORT", Integer.toString(plain),
        "TLS_PORT", Integer.toString(tls),
        "BACKEND_PORT", Integer.toString(context.backendPort()),
        "CERT_PEM", context.certificates().combinedFile().toString()), dir.resolve("haproxy.cfg"));
    check(List.of("haproxy", "-c", "-q", "-f", config.toString()), "haproxy -c " + config);
    // "HAProxy version 2.6.12-1+deb12u4 2026/10/17 - https://haproxy.org/" → "HAProxy 2.6.12-1+deb12u4"
    String[] words = firstLine(List.of("haproxy", "-v")).split(" ");
    String version = "HAProxy " + (words.length > 2 ? words[2] : "?") + " proto h2";
    ManagedProcess process = ManagedProcess.start("haproxy",
        Pinning.onCpu(context.sutCpu(), List.of("haproxy", "-db", "-f", config.toString())),
        context.logDir(), dir);
    if (!Ports.awaitOpen(plain, START_TIMEOUT) || !Ports.awaitOpen(tls, START_TIMEOUT)) {
      process.close();
      throw new IOException("HAProxy did not open ports " + plain + "/" + tls + " within "
          + START_TIMEOUT + "; see " + context.logDir().resolve("haproxy.err"));
    }
    return new HaproxySystem(version, process, plain, tls);
  }
}
