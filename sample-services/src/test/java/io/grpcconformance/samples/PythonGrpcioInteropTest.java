package io.grpcconformance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.samples.testing.ChildProcess;
import io.grpcconformance.samples.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The issue's acceptance checks through a client that is not grpc-java: Python grpcio running
 * src/test/python/grpcio_check.py against in-process servers. Skipped only when python3 or its grpc
 * module (Debian package python3-grpcio) is missing.
 */
class PythonGrpcioInteropTest {

  private static final Path SCRIPT =
      Path.of(System.getProperty("basedir", "."), "src", "test", "python", "grpcio_check.py");

  /**
   * Debian's interpreter first: a pyenv python3 on PATH usually lacks python3-grpcio. The system
   * property {@code python3} names one interpreter to use instead.
   */
  private static final List<String> INTERPRETERS =
      System.getProperty("python3") != null
          ? List.of(System.getProperty("python3"))
          : List.of("/usr/bin/python3", "python3");

  private static String python;
  private static String missing;

  @TempDir Path dir;

  @BeforeAll
  static void findPython(@TempDir Path probeDir) throws Exception {
    boolean anyPython = false;
    for (String candidate : INTERPRETERS) {
      Optional<Integer> imports = run(probeDir, candidate, "-c", "import grpc");
      anyPython |= imports.isPresent();
      if (imports.isPresent() && imports.get() == 0) {
        python = candidate;
        return;
      }
    }
    missing =
        anyPython
            ? "python3 cannot import the grpc module: install the Debian package python3-grpcio"
            : "python3 not found (tried " + INTERPRETERS + ")";
  }

  /** Skips per test (not in @BeforeAll) so the reports count and explain the skip. */
  @BeforeEach
  void requirePython() {
    Assumptions.assumeTrue(python != null, () -> missing);
  }

  /** Exit status of a short command, or empty when it cannot be started. */
  private static Optional<Integer> run(Path dir, String... command) throws InterruptedException {
    try (ChildProcess child = ChildProcess.start(List.of(command), Map.of(), dir)) {
      return Optional.of(child.awaitExit());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @ParameterizedTest(name = "reflection={0}")
  @ValueSource(booleans = {true, false})
  void grpcioSeesWhatTheIssueRequires(boolean reflection) throws Exception {
    try (LogCapture logs = new LogCapture();
        SampleServer greeter =
            SampleServer.builder(SampleServer.Kind.GREETER)
                .name("py-greeter")
                .reflection(reflection)
                .graceSeconds(2)
                .start();
        SampleServer user =
            SampleServer.builder(SampleServer.Kind.USER)
                .name("py-user")
                .reflection(reflection)
                .graceSeconds(2)
                .start()) {
      ChildProcess script =
          ChildProcess.start(
              List.of(
                  python,
                  SCRIPT.toString(),
                  "--greeter",
                  "127.0.0.1:" + greeter.port(),
                  "--user",
                  "127.0.0.1:" + user.port(),
                  "--reflection-expected",
                  Boolean.toString(reflection),
                  "--greeter-name",
                  "py-greeter",
                  "--user-name",
                  "py-user"),
              Map.of(),
              dir);
      int exit = script.awaitExit();
      String output =
          String.join("\n", script.stdout()) + "\n" + String.join("\n", script.stderr());

      assertThat(exit).as(output).isZero();
      assertThat(script.stdout())
          .as(output)
          .contains("OK: 0 check(s) failed")
          .anyMatch(line -> line.startsWith("PASS user Login with no metadata"))
          .anyMatch(line -> line.startsWith("PASS greeter reflection v1"))
          .noneMatch(line -> line.startsWith("FAIL"));
      // What the services logged while serving the script contains no password either.
      assertThat(logs.text())
          .contains("rejected")
          .doesNotContain("alice-secret", "admin-secret", "wrong-password");
    }
  }
}
