package io.grpcconformance.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpcconformance.gateway.config.ConfigSetting;
import io.grpcconformance.gateway.routing.PortRoutes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line: help, errors, LISTENING lines and stopping, with faked data plane. */
class GatewayMainTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final StringWriter stderr = new StringWriter();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final FakeTrafficPlane plane = new FakeTrafficPlane();

  private CommandLine commandLine() {
    GatewayMain main = new GatewayMain(new PrintStream(stdout, true, StandardCharsets.UTF_8),
        stop, false, b -> b.trafficPlane(c -> plane).translator(c -> FakeTranslation::translate));
    CommandLine commandLine = GatewayMain.commandLine(main);
    commandLine.setOut(new PrintWriter(stderr, true));
    commandLine.setErr(new PrintWriter(stderr, true));
    return commandLine;
  }

  private String help(String... command) {
    StringWriter text = new StringWriter();
    CommandLine commandLine = commandLine();
    commandLine.setOut(new PrintWriter(text, true));
    String[] args = new String[command.length + 1];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--help";
    assertThat(commandLine.execute(args)).isZero();
    return text.toString();
  }

  private String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  @Test
  void help_listsBothCommands() {
    assertThat(help()).contains("standalone").contains("controller");
  }

  @Test
  void help_documentsEveryFlag() {
    String standalone = help("standalone");
    String controller = help("controller");

    assertThat(standalone).contains("--manifests=DIR", "--status-file=FILE", "--bind=ADDR",
        "--controller-name=NAME", "--ingress-class=NAME", "--ingress-http-port=PORT",
        "--ingress-https-port=PORT", "--ephemeral-ports", "--rescan-interval=DURATION");
    assertThat(controller).contains("--kubeconfig=FILE", "--context=NAME", "--bind=ADDR",
        "--lease-namespace=NS", "--lease-name=NAME", "--[no-]leader-election",
        "--lease-duration=DURATION", "--renew-deadline=DURATION", "--retry-period=DURATION");
    for (ConfigSetting setting : ConfigSetting.values()) {
      String flag = setting == ConfigSetting.INGRESS_CLASSES ? "--ingress-class" : "-" + "-"
          + (setting == ConfigSetting.LEADER_ELECTION ? "[no-]" : "") + setting.flag();
      assertThat(standalone + controller).as("a flag for " + setting).contains(flag);
    }
    // Every option has a description, so --help documents it.
    for (CommandLine sub : commandLine().getSubcommands().values()) {
      assertThat(sub.getCommandSpec().options()).allSatisfy(
          o -> assertThat(String.join(" ", o.description())).isNotBlank());
    }
  }

  @Test
  void missingManifests_isAUsageError() {
    assertThat(commandLine().execute("standalone")).isEqualTo(2);
    assertThat(stderr.toString()).contains("Missing required option: '--manifests=DIR'");
  }

  @Test
  void badSetting_isOneLineError() {
    assertThat(commandLine().execute("standalone", "--manifests", dir.toString(),
        "--resync-delay", "soon")).isEqualTo(1);
    assertThat(stderr.toString().trim())
        .startsWith("error: --resync-delay: not a duration").doesNotContain("\n");
  }

  @Test
  void standalone_printsListeningLines_writesStatus_andStops() throws Exception {
    Files.writeString(dir.resolve("gateway.yaml"), EmbeddedGatewayTest.gateway(443, "HTTPS"));
    Path status = dir.resolve("status.yaml");
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine().execute(
        "standalone", "--manifests", dir.toString(), "--status-file", status.toString(),
        "--bind", "127.0.0.1", "--ephemeral-ports"));

    await().atMost(WAIT).until(() -> out().contains("LISTENING 443 127.0.0.1:20443 HTTPS\n"));
    assertThat(Files.readString(status)).contains("name: \"example-gateway\"");

    Files.writeString(dir.resolve("more.yaml"), EmbeddedGatewayTest.gateway(80, "HTTP")
        .replace("example-gateway", "plain"));
    await().atMost(WAIT).until(() -> out().contains("LISTENING 80 127.0.0.1:20080 HTTP\n"));
    assertThat(out().lines().filter(l -> l.startsWith("LISTENING 443"))).hasSize(1);

    stop.countDown();
    assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(plane.closed).isTrue();
  }

  @Test
  void portPrinter_bracketsIpv6_andPrintsOnlyChanges() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GatewayMain.PortPrinter printer = new GatewayMain.PortPrinter(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), "::");
    Map<Integer, PortRoutes> declared = Map.of(50051, new PortRoutes(50051,
        PortRoutes.Protocol.HTTP, List.of(), Optional.empty(), List.of()));

    printer.print(Map.of(50051, 40001), declared);
    printer.print(Map.of(50051, 40001), declared);
    printer.print(Map.of(50051, 40002), declared);

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
        "LISTENING 50051 [::]:40001 HTTP\nLISTENING 50051 [::]:40002 HTTP\n");
  }
}
