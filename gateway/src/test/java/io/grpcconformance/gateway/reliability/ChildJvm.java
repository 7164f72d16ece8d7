package io.grpcconformance.gateway.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class of this test classpath running in a child JVM, so a test can kill it for real
 * (SIGKILL via {@link #kill()}, SIGINT via {@link #interrupt()}) instead of shutting it down
 * politely in-process. Standard output lines are kept; standard error goes to a file.
 */
final class ChildJvm implements AutoCloseable {
  /** How long a child may take to print what a test waits for (a cold JVM on a busy machine). */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> stdout = new CopyOnWriteArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  stdout.add(line);
                }
              } catch (IOException e) {
                // the child is gone
              }
            },
            "child-jvm-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code mainClass} with {@code args}; standard error goes to {@code stderr}. */
  static ChildJvm start(Path stderr, String mainClass, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start());
  }

  /** The first stdout line matching {@code predicate}, waiting up to {@link #START_TIMEOUT}. */
  String awaitLine(Predicate<String> predicate) {
    return org.awaitility.Awaitility.await()
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              for (String line : stdout) {
                if (predicate.test(line)) {
                  return line;
                }
              }
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "child exited with "
                        + process.exitValue()
                        + " before printing the line; stdout: "
                        + stdout);
              }
              return null;
            },
            java.util.Objects::nonNull);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, sockets are reset by the kernel. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGINT, as Ctrl-C in a terminal: the JVM runs its shutdown hooks. */
  void interrupt() throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
  }

  /** Waits for the child to exit; returns its exit status, or null on timeout. */
  Integer awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
