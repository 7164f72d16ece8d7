package io.grpcconformance.samples.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process whose stdout and stderr go to files (reading pipes while the JDK's process reaper
 * drains them at exit can fail with "Stream closed").
 */
public final class ChildProcess implements AutoCloseable {

  /** How long a test waits for a child's output or exit. */
  public static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts {@code command} with extra environment variables, its output going to {@code dir}. */
  public static ChildProcess start(List<String> command, Map<String, String> env, Path dir)
      throws IOException {
    Path out = Files.createTempFile(dir, "child", ".stdout");
    Path err = Files.createTempFile(dir, "child", ".stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(env);
    return new ChildProcess(builder.start(), out, err);
  }

  /** A command running {@code mainClass} of this test's classpath in a fresh JVM. */
  public static List<String> javaCommand(String mainClass, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    return command;
  }

  /** Waits for a complete stdout line matching {@code predicate} and returns it. */
  public String awaitStdout(Predicate<String> predicate) {
    await()
        .atMost(CHILD_TIMEOUT)
        .until(() -> completeLines(stdout).stream().anyMatch(predicate) || !process.isAlive());
    return completeLines(stdout).stream()
        .filter(predicate)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "child exited with "
                        + process.exitValue()
                        + "; stdout="
                        + stdout()
                        + " stderr="
                        + stderr()));
  }

  /** Waits for the exit and returns the exit status. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("child still running; stdout=" + stdout() + " stderr=" + stderr());
    }
    return process.exitValue();
  }

  /** Sends SIGTERM. */
  public void terminate() {
    process.destroy();
  }

  /** Lines printed on stdout so far. */
  public List<String> stdout() {
    return lines(stdout);
  }

  /** Lines printed on stderr so far. */
  public List<String> stderr() {
    return lines(stderr);
  }

  /** The file collecting stderr. */
  public Path stderrFile() {
    return stderr;
  }

  /** The file collecting stdout. */
  public Path stdoutFile() {
    return stdout;
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines ended by a newline (a line still being written is left out). */
  private static List<String> completeLines(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
