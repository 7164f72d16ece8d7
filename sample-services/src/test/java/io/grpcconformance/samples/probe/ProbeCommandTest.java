package io.grpcconformance.samples.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.SampleServicesMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code sample-services probe} through the real command line against real loopback targets: a
 * serving sample Greeter, a closed port, a full accept queue (timeout), non-gRPC listeners.
 */
class ProbeCommandTest {

  private static final Pattern LINE =
      Pattern.compile("PROBE (\\S+) tcp=(\\S+)(?: grpc=(\\S+))? ms=(\\d+)");

  private final LoopbackTargets targets = new LoopbackTargets();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private SampleServer greeter;

  @AfterEach
  void close() throws Exception {
    if (greeter != null) {
      greeter.shutdown(Duration.ZERO);
    }
    targets.close();
  }

  private int run(String... args) {
    // The registered subcommand of the real CLI, not a stand-alone ProbeCommand.
    CommandLine cli = new CommandLine(new SampleServicesMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  private int servingGreeter() throws Exception {
    greeter =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("probe-target")
            .bind("127.0.0.1")
            .port(0)
            .start();
    return greeter.port();
  }

  @Test
  void theProbeSubcommandIsRegistered() {
    assertThat(new CommandLine(new SampleServicesMain()).getSubcommands()).containsKey("probe");
  }

  @Test
  void aServingSampleGreeterConnectsAndAnswersServing() throws Exception {
    int port = servingGreeter();

    assertThat(run("probe", "--target", "127.0.0.1:" + port, "--grpc-health")).isZero();

    assertThat(lines()).hasSize(1);
    Matcher m = LINE.matcher(lines().get(0));
    assertThat(m.matches()).as(lines().get(0)).isTrue();
    assertThat(m.group(1)).isEqualTo("127.0.0.1:" + port);
    assertThat(m.group(2)).isEqualTo("ok");
    assertThat(m.group(3)).isEqualTo("SERVING");
    assertThat(ProbeLine.parse(lines().get(0)).connected()).isTrue();
  }

  @Test
  void withoutGrpcHealthOnlyTcpIsReported() throws Exception {
    int port = servingGreeter();

    assertThat(run("probe", "--target", "127.0.0.1:" + port)).isZero();

    assertThat(lines().get(0)).matches("PROBE 127\\.0\\.0\\.1:" + port + " tcp=ok ms=\\d+");
  }

  @Test
  void aClosedPortIsRefusedAndSkipsTheHealthCheck() throws Exception {
    int port = targets.closedPort();

    assertThat(run("probe", "--target", "127.0.0.1:" + port, "--grpc-health")).isEqualTo(1);

    assertThat(lines()).containsExactly(lines().get(0));
    assertThat(lines().get(0)).matches("PROBE 127\\.0\\.0\\.1:" + port + " tcp=refused grpc=- ms=\\d+");
  }

  @Test
  void aDroppedSynTimesOutWithinTheTimeout() throws Exception {
    int port = targets.fullAcceptQueue();

    long start = System.nanoTime();
    int exit = run("probe", "--target", "127.0.0.1:" + port, "--timeout", "400ms");
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(exit).isEqualTo(1);
    ProbeLine line = ProbeLine.parse(lines().get(0));
    assertThat(line.tcp()).isEqualTo(TcpOutcome.TIMEOUT);
    assertThat(line.tcp().blocked()).isTrue();
    assertThat(line.millis()).isBetween(350L, 3_000L);
    assertThat(elapsedMs).isLessThan(5_000L);
  }

  @Test
  void aListenerThatClosesAtOnceConnectsButFailsTheHealthCheck() throws Exception {
    int port = targets.rawTcp(true);

    assertThat(run("probe", "--target", "127.0.0.1:" + port, "--grpc-health", "--timeout", "1s"))
        .isEqualTo(1);

    ProbeLine line = ProbeLine.parse(lines().get(0));
    assertThat(line.tcp()).isEqualTo(TcpOutcome.OK);
    assertThat(line.grpc()).contains("UNAVAILABLE");
    assertThat(line.connected()).isFalse();
    assertThat(err.toString()).contains("health check", "UNAVAILABLE");
  }

  @Test
  void aSilentListenerFailsTheHealthCheckAtTheDeadline() throws Exception {
    int port = targets.rawTcp(false);

    assertThat(run("probe", "--target", "127.0.0.1:" + port, "--grpc-health", "--timeout", "500ms"))
        .isEqualTo(1);

    ProbeLine line = ProbeLine.parse(lines().get(0));
    assertThat(line.tcp()).isEqualTo(TcpOutcome.OK);
    assertThat(line.grpc()).contains("DEADLINE_EXCEEDED");
    assertThat(line.millis()).isBetween(400L, 3_000L);
  }

  @Test
  void aNotServingHealthStatusIsReportedAndIsNotConnected() throws Exception {
    int port = targets.healthServer(ServingStatus.NOT_SERVING);

    assertThat(run("probe", "--target", "127.0.0.1:" + port, "--grpc-health")).isEqualTo(1);

    assertThat(ProbeLine.parse(lines().get(0)).grpc()).contains("NOT_SERVING");
  }

  @Test
  void severalTargetsPrintOneLineEachInTheGivenOrder() throws Exception {
    int open = servingGreeter();
    int closed = targets.closedPort();

    int exit =
        run(
            "probe",
            "--target",
            "127.0.0.1:" + open,
            "--target",
            "127.0.0.1:" + closed,
            "--target",
            "127.0.0.1:" + open,
            "--grpc-health");

    assertThat(exit).isEqualTo(1);
    assertThat(lines()).hasSize(3);
    assertThat(lines().stream().map(ProbeLine::parse).map(l -> l.target().port()))
        .containsExactly(open, closed, open);
    assertThat(lines().stream().map(ProbeLine::parse).map(ProbeLine::connected))
        .containsExactly(true, false, true);
  }

  @Test
  void everyHealthCheckUsesAFreshConnection() throws Exception {
    int port = targets.healthServer(ServingStatus.SERVING);

    for (int i = 0; i < 3; i++) {
      assertThat(run("probe", "--target", "127.0.0.1:" + port, "--grpc-health")).isZero();
    }

    // Three checks from three different client sockets: no channel or connection was reused.
    assertThat(targets.healthCallers()).hasSize(3);
  }

  @Test
  void usageErrorsExitWithTwoAndNameTheOption() {
    assertThat(run("probe")).isEqualTo(2);
    assertThat(err.toString()).contains("--target");

    assertThat(run("probe", "--target", "no-port")).isEqualTo(2);
    assertThat(err.toString()).contains("'no-port' is not HOST:PORT");

    assertThat(run("probe", "--target", "127.0.0.1:70000")).isEqualTo(2);
    assertThat(err.toString()).contains("70000");

    assertThat(run("probe", "--target", "127.0.0.1:80", "--timeout", "0s")).isEqualTo(2);
    assertThat(err.toString()).contains("--timeout", "must be positive");
    assertThat(out.toString()).doesNotContain("PROBE");
  }

  @Test
  void helpDescribesTheOutputLine() {
    assertThat(run("probe", "--help")).isZero();
    assertThat(out.toString())
        .contains("--target", "--timeout", "--grpc-health", "PROBE <host:port> tcp=ok|timeout");
  }
}
