package io.grpcconformance.bench.systems;

import io.grpcconformance.bench.proc.ManagedProcess;
import io.grpcconformance.bench.proc.Pinning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * N: nginx {@code grpc_pass} with keepalive on both sides and {@code keepalive_requests} raised on
 * both (performance.md §1b: the default 1000 makes h2load finish with 0 requests), one worker
 * pinned to the system-under-test CPU, TLS with ALPN h2 on a second listener.
 */
public final class NginxSystem extends ProcessSystem {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private NginxSystem(String label, ManagedProcess process, int plainPort, int tlsPort) {
    super("N", label, process, plainPort, tlsPort);
  }

  /** Renders {@code conf/nginx.conf.tmpl} into a private prefix, checks it and starts nginx. */
  public static NginxSystem start(SystemContext context) throws IOException, InterruptedException {
    int plain = Ports.free();
    int tls = Ports.free();
    Path prefix = context.workDir().resolve("nginx");
    Files.createDirectories(prefix.resolve("logs"));
    Files.createDirectories(prefix.resolve("temp"));
    Path config = Template.renderFile(context.confDir().resolve("nginx.conf.tmpl"), Map.of(
        "CPU_MASK", cpuMask(context.sutCpu()),
        "PREFIX", prefix.toString(),
        "PLAIN_PORT", Integer.toString(plain),
        "TLS_PORT", Integer.toString(tls),
        "BACKEND_PORT", Integer.toString(context.backendPort()),
        "CERT_FILE", context.certificates().certificateFile().toString(),
        "KEY_FILE", context.certificates().keyFile().toString()), prefix.resolve("nginx.conf"));
    List<String> base = List.of("nginx", "-p", prefix.toString(), "-c", config.toString(),
        "-e", prefix.resolve("logs/error.log").toString());
    check(concat(base, "-t", "-q"), "nginx -t " + config);
    String version = firstLine(List.of("nginx", "-v")).replace("nginx version: ", "");
    ManagedProcess process =
        ManagedProcess.start("nginx", Pinning.onCpu(context.sutCpu(), base), context.logDir(),
            prefix);
    if (!Ports.awaitOpen(plain, START_TIMEOUT) || !Ports.awaitOpen(tls, START_TIMEOUT)) {
      process.close();
      throw new IOException("nginx did not open ports " + plain + "/" + tls + " within "
          + START_TIMEOUT + "; see " + prefix.resolve("logs/error.log"));
    }
    return new NginxSystem(version + " grpc_pass", process, plain, tls);
  }

  /** nginx {@code worker_cpu_affinity} mask: CPU 0 → 1, CPU 1 → 10, CPU 3 → 1000. */
  static String cpuMask(int cpu) {
    return "1" + "0".repeat(cpu);
  }

  private static List<String> concat(List<String> base, String... more) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
