package io.grpcconformance.bench.systems;

import io.grpcconformance.bench.proc.ManagedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A system under test that is one process the benchmark started (plus its children). */
abstract class ProcessSystem implements SystemUnderTest {
  private static final long VERSION_TIMEOUT_SECONDS = 10;

  private final String id;
  private final String label;
  private final ManagedProcess process;
  private final int plainPort;
  private final int tlsPort;

  ProcessSystem(String id, String label, ManagedProcess process, int plainPort, int tlsPort) {
    this.id = id;
    this.label = label;
    this.process = process;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public int plainPort() {
    return plainPort;
  }

  @Override
  public int tlsPort() {
    return tlsPort;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.close();
  }

  /** The first line {@code command} prints (stdout or stderr), e.g. its version. */
  static String firstLine(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return out.lines().findFirst().orElse("").trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Runs {@code command} and fails with its output when it exits non-zero (config checks). */
  static void check(List<String> command, String what) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(what + " rejected its configuration: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking " + what, e);
    }
  }
}
