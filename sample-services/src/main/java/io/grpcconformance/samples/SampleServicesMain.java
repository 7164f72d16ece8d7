package io.grpcconformance.samples;

import io.grpcconformance.samples.probe.ProbeCommand;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The sample-services command line: {@code greeter} and {@code user} subcommands. */
@Command(
    name = "sample-services",
    description =
        "Runs a sample gRPC service (helloworld.Greeter or com.example.User) for the conformance"
            + " suite.",
    subcommands = {
      SampleServicesMain.Greeter.class,
      SampleServicesMain.User.class,
      ProbeCommand.class
    },
    footer = {"", SampleServicesMain.FOOTER})
public final class SampleServicesMain implements Runnable {

  /** Shared help footer: the output contract. */
  static final String FOOTER =
      "Once the port is bound, exactly one line is printed on stdout:%n"
          + "  LISTENING <kind> <name> <host>:<port>%n"
          + "  e.g. LISTENING greeter foo-svc 0.0.0.0:9001%n"
          + "<host> is the --bind address (in [] when IPv6), <port> the bound port (also%n"
          + "with --port 0). Logs go to stderr. Every response carries x-served-by: <name>%n"
          + "and the x-served-*/x-request-* headers described in sample-services/README.md.%n"
          + "Environment: POD_NAME, POD_NAMESPACE (Downward API) fill x-served-pod and%n"
          + "x-served-namespace. SIGTERM drains in-flight calls for --grace-seconds.%n"
          + "Exit status: 143 after SIGTERM, 1 on a startup error, 2 on a usage error.";

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  /** Runs the CLI and exits with its status. */
  public static void main(String[] args) {
    LoggingSetup.configure();
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line (tests run it in-process). */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new SampleServicesMain());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          // Startup errors (bind, users file, TLS) are one clear line, not a stack trace.
          if (e instanceof IllegalArgumentException || e instanceof IOException) {
            cmd.getErr()
                .println("sample-services " + cmd.getCommandName() + ": error: " + e.getMessage());
            cmd.getErr().flush();
            return 1;
          }
          throw e;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: greeter or user");
  }

  /** {@code greeter}: helloworld.Greeter. */
  @Command(
      name = "greeter",
      sortOptions = false,
      description =
          "Serve helloworld.Greeter (SayHello, SayHelloStreamReply, SayHelloBidiStream), "
              + "grpc.health.v1.Health and, with --reflection, server reflection.",
      footer = {
        "",
        "Example: sample-services greeter --port 9001 --name foo-svc --reflection",
        "",
        SampleServicesMain.FOOTER
      })
  static final class Greeter extends ServeCommand {
    @Option(
        names = "--port",
        order = 1,
        paramLabel = "N",
        defaultValue = "9001",
        description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--name",
        order = 2,
        paramLabel = "NAME",
        defaultValue = "greeter",
        description = "Instance name sent as x-served-by (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    SampleServer.Kind kind() {
      return SampleServer.Kind.GREETER;
    }

    @Override
    int port() {
      return port;
    }

    @Override
    String name() {
      return name;
    }
  }

  /** {@code user}: com.example.User with application-level auth. */
  @Command(
      name = "user",
      sortOptions = false,
      description =
          "Serve com.example.User (Login, GetUser, DeleteUser; credentials in metadata 'username'"
              + " and 'password'), grpc.health.v1.Health and, with --reflection, server reflection."
              + " Demo accounts without --users: alice/alice-secret (Login, GetUser),"
              + " admin/admin-secret (all).",
      footer = {
        "",
        "Example: sample-services user --port 9002 --name user-svc --users users.yaml",
        "",
        SampleServicesMain.FOOTER
      })
  static final class User extends ServeCommand {
    @Option(
        names = "--port",
        order = 1,
        paramLabel = "N",
        defaultValue = "9002",
        description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--name",
        order = 2,
        paramLabel = "NAME",
        defaultValue = "user",
        description = "Instance name sent as x-served-by (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
        names = "--users",
        order = 7,
        paramLabel = "FILE",
        description =
            "YAML file of roles and accounts replacing the demo accounts (schema in README).")
    Path users;

    @Override
    SampleServer.Kind kind() {
      return SampleServer.Kind.USER;
    }

    @Override
    int port() {
      return port;
    }

    @Override
    String name() {
      return name;
    }

    @Override
    SampleServer.Builder customize(SampleServer.Builder builder) {
      return builder.users(users);
    }
  }
}
