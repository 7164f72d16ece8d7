package io.grpcconformance.cli;

import static io.grpcconformance.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code reachability} command: output formats, notes, errors and help. */
class ReachabilityCommandTest {

  @Test
  void tableOutputIsTheUpstreamLayout() {
    CliRun run =
        CliRun.of(
            "reachability",
            "--manifests",
            fixture("default-deny"),
            "--port",
            "80",
            "--protocol",
            "TCP",
            "--format",
            "table");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0)).isEqualTo("-   x/a x/b x/c y/a y/b y/c z/a z/b z/c");
    assertThat(lines.get(1)).isEqualTo("x/a .   .   .   X   X   X   .   .   .");
  }

  @Test
  void jsonOutputIsKeyedSourceThenDestination() {
    CliRun run =
        CliRun.of("reachability", "--manifests", fixture("default-deny"), "--format", "json");
    assertThat(run.exitCode()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Boolean>> json = Serialization.unmarshal(run.out(), Map.class);
    assertThat(json)
        .containsOnlyKeys("x/a", "x/b", "x/c", "y/a", "y/b", "y/c", "z/a", "z/b", "z/c");
    assertThat(json.get("x/a")).hasSize(9).containsEntry("x/b", true).containsEntry("y/a", false);
    assertThat(run.out()).startsWith("{\n  \"x/a\": {\"x/a\": true, \"x/b\": true,");
  }

  @Test
  void defaultsAreTcp80TableAndEnumsAreCaseInsensitive() {
    CliRun defaults = CliRun.of("reachability", "--manifests", fixture("default-deny"));
    CliRun explicit =
        CliRun.of(
            "reachability",
            "--manifests",
            fixture("default-deny"),
            "--port",
            "80",
            "--protocol",
            "tcp",
            "--format",
            "TABLE");
    assertThat(defaults.exitCode()).isZero();
    assertThat(explicit.out()).isEqualTo(defaults.out());
  }

  @Test
  void udpIsNotAllowedByTcpRules() {
    CliRun run =
        CliRun.of(
            "reachability",
            "--manifests",
            fixture("egress-ports"),
            "--port",
            "81",
            "--protocol",
            "UDP",
            "--format",
            "json");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"z/a\": {\"x/a\": false");
  }

  @Test
  void unsupportedKindsAndIdlePoliciesAreNotedOnStderr() {
    CliRun run = CliRun.of("reachability", "--manifests", fixture("unsupported-kind"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.err().lines())
        .containsExactly(
            "note: "
                + fixture("unsupported-kind")
                + "/mixed.yaml document 1: skipped Service x/s-x-a "
                + "(v1 kind Service is not used by the reachability analysis)",
            "note: "
                + fixture("unsupported-kind")
                + "/mixed.yaml document 2: skipped ConfigMap "
                + "x/settings (v1 kind ConfigMap is not used by the reachability analysis)",
            "note: NetworkPolicy nowhere/selects-nothing selects no pod of the model");
    assertThat(run.out().lines().skip(1).filter(l -> l.matches("\\S+ X.*"))).hasSize(9);
  }

  @Test
  void folderWithoutPoliciesIsAllOpen() {
    CliRun run = CliRun.of("reachability", "--manifests", fixture("no-policies"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).doesNotContain("X");
    assertThat(run.err()).contains("no NetworkPolicy in");
  }

  @Test
  void missingFolderExitsTwo() {
    CliRun run = CliRun.of("reachability", "--manifests", "/no/such/folder");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: manifests folder /no/such/folder does not exist\n");
  }

  @Test
  void unparseableYamlExitsTwo() {
    CliRun run = CliRun.of("reachability", "--manifests", fixture("bad-yaml"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "error: "
                + fixture("bad-yaml")
                + "/policy.yaml document 1: "
                + "not valid YAML at line ");
  }

  @Test
  void badCidrNamesFileDocumentPolicyAndField() {
    CliRun run = CliRun.of("reachability", "--manifests", fixture("invalid-cidr"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + fixture("invalid-cidr")
                + "/policy.yaml document 2 "
                + "(NetworkPolicy x/bad-cidr): spec.ingress[0].from[0].ipBlock.except[0]: "
                + "'172.17.300.0/24' is not a CIDR: '172.17.300.0' is not an IPv4 address\n");
  }

  @Test
  void unknownProtocolNamesTheField() {
    CliRun run = CliRun.of("reachability", "--manifests", fixture("invalid-protocol"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + fixture("invalid-protocol")
                + "/policy.yaml "
                + "document 1 (NetworkPolicy y/bad-protocol): spec.egress[0].ports[0].protocol: "
                + "unsupported value 'HTTP' (supported: \"SCTP\", \"TCP\", \"UDP\")\n");
  }

  @Test
  void portZeroInAPolicyNamesTheField() {
    CliRun run = CliRun.of("reachability", "--manifests", fixture("port-zero"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + fixture("port-zero")
                + "/policy.yaml document 1 (NetworkPolicy z/port-zero):"
                + " spec.ingress[0].ports[0].port: 0 is not between 1 and 65535\n");
  }

  @Test
  void badOptionsExitTwo() {
    CliRun portZero =
        CliRun.of("reachability", "--manifests", fixture("default-deny"), "--port", "0");
    assertThat(portZero.exitCode()).isEqualTo(2);
    assertThat(portZero.err()).isEqualTo("error: --port 0 is not between 1 and 65535\n");
    CliRun protocol =
        CliRun.of("reachability", "--manifests", fixture("default-deny"), "--protocol", "ICMP");
    assertThat(protocol.exitCode()).isEqualTo(2);
    assertThat(protocol.err()).contains("--protocol", "ICMP", "TCP, UDP, SCTP");
    CliRun format =
        CliRun.of("reachability", "--manifests", fixture("default-deny"), "--format", "xml");
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).contains("--format", "xml");
    CliRun missing = CliRun.of("reachability");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--manifests=DIR'");
    CliRun noCommand = CliRun.of();
    assertThat(noCommand.exitCode()).isEqualTo(2);
    assertThat(noCommand.err()).contains("Missing required subcommand");
  }

  @Test
  void helpDocumentsEveryOptionTheModelAndExitCodes() {
    CliRun help = CliRun.of("reachability", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "--manifests=DIR",
            "--port=PORT",
            "--protocol=PROTOCOL",
            "--format=FORMAT",
            "--ip-family=FAMILY",
            "serve-80-tcp",
            "172.17.1.10-12",
            "kubernetes.io/metadata.name",
            "exits 2",
            "subfolders are not read",
            "'.' means allowed, 'X' blocked");
    CliRun top = CliRun.of("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("reachability", "Exit codes");
    assertThat(CliRun.of("help", "reachability").out()).isEqualTo(help.out());
  }
}
