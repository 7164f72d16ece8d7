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
    // Subcommands are pluggable: add new tool classes here.
    subcommands = {ReachabilityCommand.class, ReflectCommand.class, CommandLine.HelpCommand.class},
    footer = {
      "",
      "Exit codes: 0 success, 1 failure (unexpected, or of the remote side for reflect), 2 bad"
          + " input (usage, manifests, policies, options).",
      "",
      "Run 'conformance-cli help COMMAND' or 'conformance-cli COMMAND --help' for a command's"
          + " options."
    })
public final class ConformanceCli implements Runnable {

  /** Exit code for bad input: usage errors, unreadable manifests, invalid policies. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for a failure that is not the input's fault, such as an unreachable server. */
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Spec private CommandSpec spec;

  /** The command line with the suite's parser settings; tests call {@code execute} on it. */
  public static CommandLine commandLine() {
    CommandLine cli =
        new CommandLine(new ConformanceCli()).setCaseInsensitiveEnumValuesAllowed(true);
    // picocli asks the top-level handler for every command's usage errors; reflect answers in
    // one line, the other commands print picocli's message and their help.
    CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, args) ->
            e.getCommandLine().getCommand() instanceof ReflectCommand
                ? ReflectCommand.usageError(e)
                : standard.handleParseException(e, args));
    // Room for "-H, --header='KEY: VALUE'" in the option column of reflect's help.
    cli.getSubcommands().get("reflect").setUsageHelpLongOptionsMaxWidth(26);
    return cli;
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
