package io.grpcconformance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The conformance command line ({@code java -jar steps/target/conformance-cli.jar}). Each tool is a
 * subcommand; add one by listing its class in {@code subcommands} below.
 */
@Command(
    name = "conformance-cli",
    exitCodeOnInvalidInput = ConformanceCli.EXIT_BAD_INPUT,
    description = "Tools of the gRPC-in-Kubernetes conformance suite.",
    synopsisSubcommandLabel = "COMMAND",
    // Subcommands are pluggable: add new tool classes (for example a reflection client) here.
    subcommands = {ReachabilityCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Exit codes: 0 success, 1 unexpected failure, 2 bad input (usage, manifests or policies).",
      "",
      "Run 'conformance-cli help COMMAND' or 'conformance-cli COMMAND --help' for a command's"
          + " options."
    })
public final class ConformanceCli implements Runnable {

  /** Exit code for bad input: usage errors, unreadable manifests, invalid policies. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Spec private CommandSpec spec;

  /** The command line with the suite's parser settings; tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    return new CommandLine(new ConformanceCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
