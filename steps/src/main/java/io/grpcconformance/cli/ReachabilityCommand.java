package io.grpcconformance.cli;

import io.grpcconformance.netpol.IpFamily;
import io.grpcconformance.netpol.Matrix;
import io.grpcconformance.netpol.Protocol;
import io.grpcconformance.netpol.ReachabilityEngine;
import io.grpcconformance.netpol.manifest.ManifestException;
import io.grpcconformance.netpol.manifest.ManifestLoader;
import io.grpcconformance.netpol.manifest.Manifests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reachability}: prints the expected pod-to-pod matrix for the NetworkPolicies in a folder.
 */
@Command(
    name = "reachability",
    exitCodeOnInvalidInput = ConformanceCli.EXIT_BAD_INPUT,
    sortOptions = false,
    headerHeading = "",
    header = "Print which pods may connect to which under the NetworkPolicies in a folder.",
    // Each element is one paragraph: picocli wraps it to the terminal width.
    description = {
      "",
      "Model (as upstream netpol e2e and cyclonus): namespaces x, y, z labelled ns=<name> (and"
          + " kubernetes.io/metadata.name=<name>), each with pods a, b, c labelled pod=<name> that"
          + " serve TCP 80 and 81 on container ports named serve-80-tcp and serve-81-tcp.",
      "",
      "Fake pod IPs: x/* 172.17.0.10-12, y/* 172.17.1.10-12, z/* 172.18.0.10-12"
          + " (ipv6: fd00:172:17:0::10-12, fd00:172:17:1::10-12, fd00:172:18:0::10-12).",
      "",
      "Each apps/v1 Deployment in DIR (replicas > 0) adds one pod named after it, in its namespace"
          + " (default if none), with its pod template's labels and container ports. These pods"
          + " follow the 9 standard ones in namespace/name order with IPs 10.0.0.10, .11, ..."
          + " (ipv6: fd00:10::10, ...). A v1 Namespace document sets that namespace's labels"
          + " (added to ns=<name> for x, y, z); other namespaces carry only"
          + " kubernetes.io/metadata.name.",
      "",
      "Policies are the networking.k8s.io/v1 NetworkPolicy documents of every *.yaml, *.yml and"
          + " *.json file directly in DIR (subfolders are not read), also inside a v1 List as"
          + " 'kubectl get -o yaml' prints it. A policy without namespace is"
          + " in 'default'. Other kinds are skipped with a note on stderr.",
      "",
      "Semantics: a pod no policy selects for a direction is open in that direction; a selected"
          + " pod accepts only what some selecting policy allows; a connection needs ingress at"
          + " the destination AND egress at the source. policyTypes defaults to Ingress, plus"
          + " Egress when egress rules exist. In one peer, namespaceSelector AND podSelector;"
          + " separate peers are OR; a peer without namespaceSelector means the policy's"
          + " namespace. ipBlock matches pod IPs (in cidr, in no except). A port without protocol"
          + " is TCP; named ports resolve on the destination pod; endPort makes a range; a rule"
          + " without ports allows every port, one without from/to every peer. A pod's cell to"
          + " itself follows the same rules (probers usually ignore it).",
      ""
    },
    optionListHeading = "Options:%n",
    footerHeading = "%n",
    footer = {
      "Output: the table has a header row '-' followed by the destination pods, then one row per"
          + " source pod; '.' means allowed, 'X' blocked. JSON is"
          + " {\"x/a\": {\"x/a\": true, \"x/b\": true, ...}, ...} keyed source then destination."
          + " Notes (skipped documents, policies selecting no pod) go to stderr.",
      "",
      "Errors: a missing folder, unparseable YAML, a document without kind or apiVersion, or a"
          + " field the API server would refuse (bad CIDR, unknown protocol, port 0, endPort below"
          + " port, ...) prints one line per problem naming file, document number (1-based),"
          + " object and field, then exits 2.",
      "",
      "Example:",
      "  java -jar steps/target/conformance-cli.jar reachability \\",
      "      --manifests manifests/netpol --port 80 --protocol TCP --format table"
    })
final class ReachabilityCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    TABLE,
    JSON
  }

  @Option(
      names = "--manifests",
      required = true,
      paramLabel = "DIR",
      description = "Folder with NetworkPolicy, Namespace and Deployment manifests.")
  private Path manifests;

  @Option(
      names = "--port",
      defaultValue = "80",
      paramLabel = "PORT",
      description = "Destination port, 1-65535 (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--protocol",
      defaultValue = "TCP",
      paramLabel = "PROTOCOL",
      description = "TCP, UDP or SCTP (default: ${DEFAULT-VALUE}).")
  private Protocol protocol;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Option(
      names = "--ip-family",
      defaultValue = "ipv4",
      paramLabel = "FAMILY",
      description = "Fake pod IP family: ipv4 or ipv6 (default: ${DEFAULT-VALUE}).")
  private IpFamily ipFamily;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 1 || port > 65535) {
      err.println("error: --port " + port + " is not between 1 and 65535");
      return ConformanceCli.EXIT_BAD_INPUT;
    }
    Manifests loaded;
    try {
      loaded = ManifestLoader.load(manifests);
    } catch (ManifestException e) {
      e.errors().forEach(line -> err.println("error: " + line));
      return ConformanceCli.EXIT_BAD_INPUT;
    }
    loaded.notes().forEach(line -> err.println("note: " + line));
    ReachabilityEngine engine = loaded.engine(ipFamily);
    engine
        .policiesSelectingNoPod()
        .forEach(
            policy ->
                err.println("note: NetworkPolicy " + policy + " selects no pod of the model"));
    if (loaded.policies().isEmpty()) {
      err.println("note: no NetworkPolicy in " + manifests + "; every pod is open");
    }
    Matrix matrix = engine.matrix(port, protocol);
    out.print(format == Format.JSON ? matrix.toJson() : matrix.toTable());
    out.flush();
    err.flush();
    return 0;
  }
}
