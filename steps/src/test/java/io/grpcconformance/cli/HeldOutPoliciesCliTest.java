package io.grpcconformance.cli;

import static io.grpcconformance.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.netpol.Matrix;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Held-out style runs of {@code reachability}: policy folders the engine tests do not use, answered
 * with the matrix the Kubernetes spec gives (written by hand here), through the command line.
 */
class HeldOutPoliciesCliTest {

  private static final String HEADER = "-   x/a x/b x/c y/a y/b y/c z/a z/b z/c\n";

  private static Matrix json(String dir, String port) {
    CliRun run =
        CliRun.of(
            "reachability",
            "--manifests",
            fixture(dir),
            "--port",
            port,
            "--protocol",
            "TCP",
            "--format",
            "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Matrix.parseJson(run.out());
  }

  private static Matrix table(String dir, String port) {
    CliRun run =
        CliRun.of("reachability", "--manifests", fixture(dir), "--port", port, "--format", "table");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Matrix.parseTable(run.out());
  }

  @Test
  @DisplayName("default deny ingress in y: nothing reaches y, everything else is open")
  void defaultDeny() {
    Matrix expected =
        Matrix.parseTable(
            HEADER
                + """
                x/a .   .   .   X   X   X   .   .   .
                x/b .   .   .   X   X   X   .   .   .
                x/c .   .   .   X   X   X   .   .   .
                y/a .   .   .   X   X   X   .   .   .
                y/b .   .   .   X   X   X   .   .   .
                y/c .   .   .   X   X   X   .   .   .
                z/a .   .   .   X   X   X   .   .   .
                z/b .   .   .   X   X   X   .   .   .
                z/c .   .   .   X   X   X   .   .   .
                """);
    assertThat(json("default-deny", "80")).isEqualTo(expected);
    assertThat(table("default-deny", "81")).isEqualTo(expected);
  }

  @Test
  @DisplayName("namespaceSelector AND podSelector in one peer: only y/b reaches x/a")
  void andSelectors() {
    assertThat(json("and-selectors", "80"))
        .isEqualTo(
            Matrix.parseTable(
                HEADER
                    + """
                    x/a X   .   .   .   .   .   .   .   .
                    x/b X   .   .   .   .   .   .   .   .
                    x/c X   .   .   .   .   .   .   .   .
                    y/a X   .   .   .   .   .   .   .   .
                    y/b .   .   .   .   .   .   .   .   .
                    y/c X   .   .   .   .   .   .   .   .
                    z/a X   .   .   .   .   .   .   .   .
                    z/b X   .   .   .   .   .   .   .   .
                    z/c X   .   .   .   .   .   .   .   .
                    """));
  }

  @Test
  @DisplayName("namespaceSelector OR podSelector as two peers: all of y and x/b reach x/a")
  void orSelectors() {
    assertThat(json("or-selectors", "80"))
        .isEqualTo(
            Matrix.parseTable(
                HEADER
                    + """
                    x/a X   .   .   .   .   .   .   .   .
                    x/b .   .   .   .   .   .   .   .   .
                    x/c X   .   .   .   .   .   .   .   .
                    y/a .   .   .   .   .   .   .   .   .
                    y/b .   .   .   .   .   .   .   .   .
                    y/c .   .   .   .   .   .   .   .   .
                    z/a X   .   .   .   .   .   .   .   .
                    z/b X   .   .   .   .   .   .   .   .
                    z/c X   .   .   .   .   .   .   .   .
                    """));
  }

  @Test
  @DisplayName(
      "egress with ports: z reaches only x, only on 81; on 80 (not the allowed port) z reaches"
          + " nothing")
  void egressWithPorts() {
    assertThat(json("egress-ports", "81"))
        .isEqualTo(
            Matrix.parseTable(
                HEADER
                    + """
                    x/a .   .   .   .   .   .   .   .   .
                    x/b .   .   .   .   .   .   .   .   .
                    x/c .   .   .   .   .   .   .   .   .
                    y/a .   .   .   .   .   .   .   .   .
                    y/b .   .   .   .   .   .   .   .   .
                    y/c .   .   .   .   .   .   .   .   .
                    z/a .   .   .   X   X   X   X   X   X
                    z/b .   .   .   X   X   X   X   X   X
                    z/c .   .   .   X   X   X   X   X   X
                    """));
    assertThat(json("egress-ports", "80"))
        .isEqualTo(
            Matrix.parseTable(
                HEADER
                    + """
                    x/a .   .   .   .   .   .   .   .   .
                    x/b .   .   .   .   .   .   .   .   .
                    x/c .   .   .   .   .   .   .   .   .
                    y/a .   .   .   .   .   .   .   .   .
                    y/b .   .   .   .   .   .   .   .   .
                    y/c .   .   .   .   .   .   .   .   .
                    z/a X   X   X   X   X   X   X   X   X
                    z/b X   X   X   X   X   X   X   X   X
                    z/c X   X   X   X   X   X   X   X   X
                    """));
  }

  @Test
  @DisplayName("a Deployment adds a pod; its named port resolves from the pod template")
  void deploymentPods() {
    Matrix expected =
        Matrix.parseTable(
            """
            -         x/a x/b x/c y/a y/b y/c z/a z/b z/c shop/api
            x/a       .   .   .   .   .   .   .   .   .   X
            x/b       .   .   .   .   .   .   .   .   .   X
            x/c       .   .   .   .   .   .   .   .   .   X
            y/a       .   .   .   .   .   .   .   .   .   .
            y/b       .   .   .   .   .   .   .   .   .   .
            y/c       .   .   .   .   .   .   .   .   .   .
            z/a       .   .   .   .   .   .   .   .   .   X
            z/b       .   .   .   .   .   .   .   .   .   X
            z/c       .   .   .   .   .   .   .   .   .   X
            shop/api  .   .   .   .   .   .   .   .   .   X
            """);
    assertThat(json("with-deployments", "80")).isEqualTo(expected);
    Matrix port81 = json("with-deployments", "81");
    assertThat(port81.allowed("y/a", "shop/api")).as("grpc is 80, not 81").isFalse();
    assertThat(port81.allowed("y/a", "x/a")).isTrue();
  }
}
