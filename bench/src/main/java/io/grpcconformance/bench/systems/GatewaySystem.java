package io.grpcconformance.bench.systems;

import io.grpcconformance.bench.proc.ManagedProcess;
import io.grpcconformance.bench.proc.Pinning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * G: the embedded gateway in standalone mode ({@code java -jar gateway.jar standalone}) serving a
 * generated manifests folder, pinned with its JVM to the system-under-test CPU
 * ({@code -XX:ActiveProcessorCount=1} so Netty and the GC size themselves for one core).
 */
public final class GatewaySystem extends ProcessSystem {
  /** JVM start, first translation and binding, on a busy 2-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern LISTENING =
      Pattern.compile("^LISTENING (\\d+) (\\S+):(\\d+) (HTTP|HTTPS)$");

  private final long launchNanos;

  private GatewaySystem(String label, ManagedProcess process, int plainPort, int tlsPort,
      long launchNanos) {
    super("G", label, process, plainPort, tlsPort);
    this.launchNanos = launchNanos;
  }

  /** {@link System#nanoTime()} just before the JVM was started: JVM uptime 0 in its GC log. */
  public long launchNanos() {
    return launchNanos;
  }

  /** Writes the manifests, starts the gateway and waits for both LISTENING lines. */
  public static GatewaySystem start(SystemContext context)
      throws IOException, InterruptedException {
    boolean standalone = "standalone".equals(context.gatewayMode());
    if (standalone && !Files.isRegularFile(context.gatewayJar())) {
      throw new IOException("gateway jar not found: " + context.gatewayJar());
    }
    int plain = Ports.free();
    int tls = Ports.free();
    Path dir = context.workDir().resolve("gateway");
    Path manifests = dir.resolve("manifests");
    Template.renderFile(context.confDir().resolve("gateway-manifests.yaml.tmpl"), Map.of(
        "PLAIN_PORT", Integer.toString(plain),
        "TLS_PORT", Integer.toString(tls),
        "BACKEND_PORT", Integer.toString(context.backendPort()),
        "CERT_BASE64", context.certificates().certificateBase64(),
        "KEY_BASE64", context.certificates().keyBase64()), manifests.resolve("bench.yaml"));
    List<String> command = new ArrayList<>();
    command.add(context.javaCommand());
    command.addAll(context.gatewayJvmOptions());
    if (standalone) {
      command.addAll(List.of("-jar", context.gatewayJar().toString(), "standalone",
          "--manifests", manifests.toString(), "--bind", SystemContext.LOOPBACK));
    } else {
      command.addAll(List.of("-cp", context.benchJar().toString(),
          "io.grpcconformance.bench.BenchMain", "dataplane", "--plain-port", Integer.toString(plain),
          "--tls-port", Integer.toString(tls),
          "--backend-port", Integer.toString(context.backendPort())));
    }
    long launchNanos = System.nanoTime();
    ManagedProcess process = ManagedProcess.start("gateway",
        Pinning.onCpu(context.sutCpu(), command), context.logDir(), dir);
    Map<Integer, Integer> bound = new HashMap<>();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (bound.size() < 2 && System.nanoTime() < deadline) {
      String line = process.awaitLine(l -> LISTENING.matcher(l).matches(),
          Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (line == null) {
        break;
      }
      Matcher m = LISTENING.matcher(line);
      if (m.matches()) {
        bound.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)));
      }
    }
    if (!bound.containsKey(plain) || !bound.containsKey(tls)) {
      process.close();
      throw new IOException("the gateway printed no LISTENING line for ports " + plain + " and "
          + tls + " within " + START_TIMEOUT + " (got " + bound + "); see "
          + context.logDir().resolve("gateway.err"));
    }
    return new GatewaySystem(standalone ? "embedded gateway (standalone)"
        : "gateway DataPlane alone (no control plane)", process, bound.get(plain), bound.get(tls),
        launchNanos);
  }
}
