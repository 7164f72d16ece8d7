package io.grpcconformance.samples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options and behaviour shared by the {@code greeter} and {@code user} subcommands. */
abstract class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      order = 9,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--bind",
      order = 3,
      paramLabel = "ADDR",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--reflection",
      order = 4,
      description =
          "Serve gRPC server reflection (grpc.reflection.v1 and v1alpha); off by default.")
  boolean reflection;

  @Option(
      names = "--tls-cert",
      order = 5,
      paramLabel = "PEM",
      description =
          "Serve TLS (ALPN h2, TLS 1.2+) with this PEM certificate chain; needs --tls-key.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      order = 6,
      paramLabel = "PEM",
      description = "Unencrypted PEM PKCS#8 private key for --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--grace-seconds",
      order = 8,
      paramLabel = "N",
      defaultValue = "10",
      description =
          "On SIGTERM, let in-flight calls finish for up to N seconds (default: ${DEFAULT-VALUE}).")
  int graceSeconds;

  abstract SampleServer.Kind kind();

  abstract int port();

  abstract String name();

  /** Customizes the builder with subcommand-specific settings. */
  SampleServer.Builder customize(SampleServer.Builder builder) {
    return builder;
  }

  @Override
  public Integer call() throws Exception {
    SampleServer.Builder builder =
        SampleServer.builder(kind())
            .name(name())
            .bind(bind)
            .port(port())
            .reflection(reflection)
            .graceSeconds(graceSeconds);
    if (tlsCert != null || tlsKey != null) {
      builder.tls(tlsCert, tlsKey);
    }
    SampleServer server = customize(builder).start();
    // SIGTERM/SIGINT run the JVM's shutdown hooks: drain gracefully, then exit.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> server.shutdown(Duration.ofSeconds(graceSeconds)),
                "sample-services-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(server.listeningLine());
    out.flush();
    server.awaitTermination();
    return 0;
  }
}
