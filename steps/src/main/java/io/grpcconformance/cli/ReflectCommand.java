package io.grpcconformance.cli;

import com.google.protobuf.Descriptors.MethodDescriptor;
import io.grpc.Status;
import io.grpcconformance.harness.grpc.Dial;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.harness.grpc.ReflectionClient;
import io.grpcconformance.harness.grpc.ReflectionClient.MethodDescription;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reflect}: a grpcurl-like client over gRPC server reflection v1 that lists services,
 * describes a method and invokes one by name with a JSON request ({@link ReflectionClient}).
 */
@Command(
    name = "reflect",
    exitCodeOnInvalidInput = ConformanceCli.EXIT_BAD_INPUT,
    sortOptions = false,
    headerHeading = "",
    header = "List, describe and invoke gRPC methods through server reflection, as grpcurl does.",
    synopsisHeading = "%nUsage: ",
    customSynopsis = {
      "conformance-cli reflect [OPTIONS] HOST:PORT list",
      "       conformance-cli reflect [OPTIONS] HOST:PORT describe PKG.SERVICE/METHOD",
      "       conformance-cli reflect [OPTIONS] HOST:PORT invoke PKG.SERVICE/METHOD",
      "           [-v] [-d JSON] [-H 'KEY: VALUE']..."
    },
    description = {
      "",
      "Uses gRPC server reflection v1 (grpc.reflection.v1.ServerReflection) only; no proto"
          + " files are needed. Each reflection exchange and the call open their own connection.",
      "",
      "list: the services the server exposes, sorted, one per line.",
      "describe: the method's signature, then its request and response messages in proto"
          + " syntax.",
      "invoke: sends one request message, the JSON of -d in protobuf's JSON mapping, and prints"
          + " each response message as JSON (a server-streaming method prints every reply)."
          + " With -v it also prints the method, the request metadata, the response headers and"
          + " trailers (binary -bin values in base64). Values of password, authorization,"
          + " proxy-authorization, cookie and *-token metadata and message fields are printed as"
          + " "
          + Secrets.REDACTED
          + ".",
      ""
    },
    parameterListHeading = "Parameters:%n",
    optionListHeading = "Options:%n",
    footerHeading = "%n",
    // Each element is one line; kept under 80 columns so picocli does not rewrap them.
    footer = {
      "Errors print one 'error:' line on stderr. Exit codes:",
      "  0  success",
      "  1  remote failure: the target is unreachable, the TLS handshake failed,",
      "     reflection is not exposed (UNIMPLEMENTED; the reflection audit's answer",
      "     'reflection is not exposed on HOST:PORT for authority NAME'), no answer",
      "     within the deadline, or the invoked call ended with a non-OK status",
      "  2  bad input: usage, a malformed HOST:PORT, option, -H or -d, a --cacert file",
      "     without a PEM certificate, a method the server does not know, or a",
      "     request that does not fit the method's input type",
      "",
      "Examples:",
      "  java -jar steps/target/conformance-cli.jar reflect 127.0.0.1:9001 list",
      "  java -jar steps/target/conformance-cli.jar reflect 127.0.0.1:9001 \\",
      "      describe helloworld.Greeter/SayHello",
      "  java -jar steps/target/conformance-cli.jar reflect --tls --cacert ca.crt \\",
      "      --authority greeter.example.com 127.0.0.1:8443 \\",
      "      invoke helloworld.Greeter/SayHello -d '{\"name\":\"cli\"}' -H 'x-team: a' -v"
    })
final class ReflectCommand implements Callable<Integer> {

  /** What to do. */
  enum Verb {
    LIST,
    DESCRIBE,
    INVOKE
  }

  private static final Pattern METHOD = Pattern.compile("/?[A-Za-z_][\\w.]*/[A-Za-z_]\\w*");

  @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server or gateway.")
  private String target;

  @Parameters(index = "1", paramLabel = "VERB", description = "list, describe or invoke.")
  private Verb verb;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "METHOD",
      description = "PKG.SERVICE/METHOD, for describe and invoke (a leading / is allowed).")
  private String method;

  @Mixin private ConnectionOptions connection;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "JSON",
      description = "invoke: the request message as JSON (default: {}).")
  private String data;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'KEY: VALUE'",
      description = "invoke: request metadata, repeatable; keys ending in -bin take base64 values.")
  private List<String> headers = new ArrayList<>();

  @Option(
      names = {"-v", "--verbose"},
      description = "invoke: also print the method, request metadata, headers and trailers.")
  private boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Spec private CommandSpec spec;

  /**
   * Reports a usage error of this command in one line (picocli's default prints the whole help
   * after it); returns the bad-input exit code.
   */
  static int usageError(ParameterException e) {
    CliFailure f = CliFailure.badInput(e.getMessage() + " (see 'conformance-cli reflect --help')");
    e.getCommandLine().getErr().println("error: " + f.getMessage());
    e.getCommandLine().getErr().flush();
    return f.exitCode();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      checkArguments();
      Dial dial = connection.dial(target);
      Map<String, List<String>> metadata = RequestMetadata.parse(headers);
      RemoteCalls remote =
          new RemoteCalls(
              new ReflectionClient(dial, connection.deadline()),
              dial,
              dial.address().toString(),
              connection.authorityShown(dial.address()),
              connection.deadline());
      switch (verb) {
        case LIST -> remote.services().forEach(out::println);
        case DESCRIBE -> out.print(describe(remote.resolve(method)));
        case INVOKE -> invoke(remote, metadata, out);
      }
      return 0;
    } catch (CliFailure e) {
      err.println("error: " + e.getMessage());
      return e.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void checkArguments() {
    if (verb == Verb.LIST) {
      if (method != null) {
        throw CliFailure.badInput("list takes no METHOD (got '" + method + "')");
      }
    } else if (method == null) {
      throw CliFailure.badInput(
          verb.name().toLowerCase(Locale.ROOT) + " needs METHOD (PKG.SERVICE/METHOD)");
    } else if (!METHOD.matcher(method).matches()) {
      throw CliFailure.badInput("method '" + method + "' is not PKG.SERVICE/METHOD");
    }
    if (verb != Verb.INVOKE && (data != null || !headers.isEmpty() || verbose)) {
      throw CliFailure.badInput("-d, -H and -v apply to invoke only");
    }
  }

  private static String describe(MethodDescriptor m) {
    StringBuilder out = new StringBuilder();
    out.append(m.getFullName()).append(" is a method:\n").append(signature(m)).append('\n');
    out.append('\n')
        .append(m.getInputType().getFullName())
        .append(" is a message:\n")
        .append(ProtoSource.message(m.getInputType()));
    if (!m.getOutputType().equals(m.getInputType())) {
      out.append('\n')
          .append(m.getOutputType().getFullName())
          .append(" is a message:\n")
          .append(ProtoSource.message(m.getOutputType()));
    }
    return out.toString();
  }

  private static String signature(MethodDescriptor m) {
    return new MethodDescription(
            m.getFullName(),
            m.getInputType().getFullName(),
            m.getOutputType().getFullName(),
            m.isClientStreaming(),
            m.isServerStreaming())
        .signature();
  }

  private void invoke(RemoteCalls remote, Map<String, List<String>> metadata, PrintWriter out) {
    String json = data == null || data.isBlank() ? "{}" : data;
    RequestJson.checkSyntax(json); // before dialing: a typo is bad input whatever the server
    MethodDescriptor m = remote.resolve(method);
    RequestJson.checkFits(json, m);
    ProbeResult r = remote.invoke(method, json, metadata);
    if (verbose) {
      out.println("Resolved method descriptor:");
      out.println(signature(m));
      out.println();
      section(out, "Request metadata to send:", Secrets.lines(metadata));
      section(out, "Response headers received:", Secrets.lines(r.headers()));
      out.println("Response contents:");
    }
    r.responsesJson().forEach(response -> out.println(RequestJson.pretty(response, m)));
    if (verbose) {
      out.println();
      section(out, "Response trailers received:", Secrets.lines(r.trailers()));
      int n = r.responsesJson().size();
      out.println("Sent 1 request and received " + n + (n == 1 ? " response" : " responses"));
    }
    if (r.code() != Status.Code.OK) {
      throw CliFailure.remote(
          method
              + " on "
              + remote.target()
              + " failed: "
              + r.code()
              + (r.description().isEmpty() ? "" : ": " + r.description())
              + RemoteCalls.gatewayNote(r.header(ProbeResult.GATEWAY_ANSWER)));
    }
  }

  private static void section(PrintWriter out, String title, List<String> lines) {
    out.println(title);
    if (lines.isEmpty()) {
      out.println("(empty)");
    } else {
      lines.forEach(out::println);
    }
    out.println();
  }
}
