package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class KindImageLoaderTest {
  private static final String IMAGE = "grpc-conformance/gateway:0.1.0";

  private final List<String> calls = new ArrayList<>();

  private CommandRunner failing(Predicate<String> fails) {
    return command -> {
      String line = String.join(" ", command);
      calls.add(line);
      return fails.test(line) ? new ExecOutcome(1, "", "ERROR: failed to load image: content digest not found")
          : new ExecOutcome(0, "", "");
    };
  }

  @Test
  void loadsWithKindLoadDockerImage() {
    new KindImageLoader(failing(line -> false), "devops", "linux/amd64").load(IMAGE);

    assertThat(calls).containsExactly("kind load docker-image " + IMAGE + " --name devops");
  }

  @Test
  void fallsBackToAnImageArchiveWhenTheDirectLoadFails() {
    new KindImageLoader(failing(line -> line.startsWith("kind load docker-image")), "devops", "linux/amd64").load(IMAGE);

    assertThat(calls).hasSize(3);
    assertThat(calls.get(0)).isEqualTo("kind load docker-image " + IMAGE + " --name devops");
    assertThat(calls.get(1)).matches("docker save --platform linux/amd64 -o /.+/grpc-conformance_gateway_0\\.1\\.0\\.tar "
        + IMAGE.replace(".", "\\."));
    assertThat(calls.get(2)).matches("kind load image-archive /.+/grpc-conformance_gateway_0\\.1\\.0\\.tar --name devops");
  }

  @Test
  void aFailingFallbackNamesTheImageAndTheCommand() {
    assertThatThrownBy(() -> new KindImageLoader(failing(line -> line.startsWith("kind")), "devops", "linux/amd64")
        .load(IMAGE))
        .isInstanceOf(ImageImportException.class)
        .hasMessageStartingWith("loading " + IMAGE + " into kind cluster devops failed: `kind load image-archive ")
        .hasMessageEndingWith("` exited 1: ERROR: failed to load image: content digest not found");
  }

  @Test
  void theProcessRunnerReportsAMissingExecutableAsExit127() {
    ExecOutcome outcome = new ProcessCommandRunner(java.time.Duration.ofSeconds(10))
        .run(List.of("grpc-conformance-no-such-tool", "--version"));

    assertThat(outcome.exitCode()).isEqualTo(127);
    assertThat(outcome.firstErrorLine()).startsWith("grpc-conformance-no-such-tool: cannot run: ");
  }
}
