package io.grpcconformance.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.testing.ChildProcess;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.HeaderCapture;
import io.grpcconformance.samples.testing.RecordingObserver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The command line: help, usage and startup errors in-process; serving and SIGTERM in a child JVM.
 */
class SampleServicesMainTest {

  private static final Pattern LISTENING =
      Pattern.compile("LISTENING (greeter|user) (\\S+) (\\S+):(\\d+)");

  @TempDir Path dir;
  private final Clients clients = new Clients();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void closeClients() throws InterruptedException {
    clients.close();
  }

  private int run(String... args) {
    CommandLine commandLine = SampleServicesMain.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeter", "user"})
  void helpListsEveryFlagAndTheOutputLine(String kind) {
    assertThat(run(kind, "--help")).isZero();

    assertThat(out.toString())
        .contains(
            "--port",
            "--name",
            "--bind",
            "--reflection",
            "--tls-cert",
            "--tls-key",
            "--grace-seconds",
            "--help",
            "LISTENING <kind> <name> <host>:<port>",
            "default: 0.0.0.0");
    if (kind.equals("user")) {
      assertThat(out.toString()).contains("--users", "alice/alice-secret", "admin/admin-secret");
    } else {
      assertThat(out.toString()).doesNotContain("--users");
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing subcommand");
    assertThat(run("greeter", "--users", "x.yaml")).isEqualTo(2);
    assertThat(run("greeter", "--port", "many")).isEqualTo(2);
  }

  @Test
  void startupErrorsAreOneLineAndExitWithOne() throws Exception {
    Path users =
        Files.writeString(
            dir.resolve("users.yaml"), "roles: {user: [Login]}\nusers:\n  - username: [bob\n");

    assertThat(run("user", "--port", "0", "--users", users.toString())).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("sample-services user: error: users file " + users + ", line ");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(run("greeter", "--port", "0", "--tls-cert", users.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("--tls-cert and --tls-key must be given together");
  }

  @Test
  void servesPrintsOneListeningLineAndDrainsOnSigterm() throws Exception {
    try (ChildProcess child =
        ChildProcess.start(
            ChildProcess.javaCommand(
                SampleServicesMain.class.getName(),
                "greeter",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--name",
                "cli-svc",
                "--grace-seconds",
                "20"),
            Map.of("POD_NAME", "cli-pod-1", "POD_NAMESPACE", "cli-ns"),
            dir)) {
      Matcher listening =
          LISTENING.matcher(child.awaitStdout(line -> line.startsWith("LISTENING")));
      assertThat(listening.matches()).isTrue();
      assertThat(listening.group(1)).isEqualTo("greeter");
      assertThat(listening.group(2)).isEqualTo("cli-svc");
      assertThat(listening.group(3)).isEqualTo("127.0.0.1");
      int port = Integer.parseInt(listening.group(4));
      assertThat(port).isPositive();

      ManagedChannel channel = clients.plaintext(port);
      HeaderCapture capture = new HeaderCapture();
      capture
          .on(GreeterGrpc.newBlockingStub(channel))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .sayHello(HelloRequest.newBuilder().setName("cli").build());
      assertThat(capture.servedBy().name()).isEqualTo("cli-svc");
      assertThat(capture.servedBy().pod()).isEqualTo("cli-pod-1");
      assertThat(capture.servedBy().namespace()).isEqualTo("cli-ns");

      RecordingObserver<HelloReply> stream = new RecordingObserver<>();
      GreeterGrpc.newStub(channel)
          .sayHelloStreamReply(
              HelloRequest.newBuilder().setName("s").setCount(5).setIntervalMillis(200).build(),
              stream);
      org.awaitility.Awaitility.await().until(() -> !stream.values().isEmpty());
      child.terminate();

      assertThat(stream.awaitDone().isOk()).isTrue();
      assertThat(stream.values()).hasSize(5);
      assertThat(child.awaitExit()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
      assertThat(child.stdout()).hasSize(1);
      assertThat(String.join("\n", child.stderr())).contains("shutting down", "cli-svc: stopped");
    }
  }
}
