package io.grpcconformance.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process the benchmark started and must stop: standard output is copied to a log file
 * and offered line by line to {@link #awaitLine}, standard error goes to a second log file. Only
 * this pid (and its descendants) is ever signalled.
 */
public final class ManagedProcess implements AutoCloseable {
  /** How long a polite stop (SIGTERM) may take before SIGKILL. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** Every process started and not yet closed; a JVM shutdown (SIGTERM, timeout) stops them. */
  private static final java.util.Set<ManagedProcess> LIVE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> List.copyOf(LIVE).forEach(ManagedProcess::close), "stop-children"));
  }

  private final String name;
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private ManagedProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  /** Starts {@code command}; logs go to {@code logDir/<name>.out} and {@code .err}. */
  public static ManagedProcess start(String name, List<String> command, Path logDir, Path workDir)
      throws IOException {
    Files.createDirectories(logDir);
    Path out = logDir.resolve(name + ".out");
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectError(logDir.resolve(name + ".err").toFile())
        .start();
    ManagedProcess managed = new ManagedProcess(name, process);
    LIVE.add(managed);
    Thread copier = new Thread(() -> managed.copy(out), name + "-stdout");
    copier.setDaemon(true);
    copier.start();
    return managed;
  }

  private void copy(Path out) {
    try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(out), true)) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.println(line);
        lines.add(line);
      }
    } catch (IOException e) {
      // the process ended; the log keeps what was read
    }
  }

  /** The first new stdout line matching {@code test}, or null after {@code timeout} or exit. */
  public String awaitLine(Predicate<String> test, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)),
          TimeUnit.NANOSECONDS);
      if (line != null && test.test(line)) {
        return line;
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        return null;
      }
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM to this process, SIGKILL to it and its descendants after {@link #STOP_TIMEOUT}. */
  @Override
  public void close() {
    LIVE.remove(this);
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
