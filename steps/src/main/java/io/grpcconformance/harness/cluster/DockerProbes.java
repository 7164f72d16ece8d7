package io.grpcconformance.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * {@link DockerProbe} against the Docker daemon Testcontainers would use. Each probe returns a one-line detail
 * instead of throwing. Reachability uses {@code isDockerAvailable()}, which neither throws nor starts Ryuk.
 */
public final class DockerProbes implements DockerProbe {
  private final Duration timeout;

  /**
   * @param timeout bound for one pull or the privileged test container ({@code conformance.timeouts.preflightProbe})
   */
  public DockerProbes(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public ProbeResult dockerReachable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? ProbeResult.passed() : ProbeResult.failed("");
    } catch (RuntimeException e) {
      return ProbeResult.failed(firstLine(e));
    }
  }

  @Override
  public ProbeResult imagePresent(String image) {
    try {
      docker().inspectImageCmd(image).exec();
      return ProbeResult.passed();
    } catch (RuntimeException e) {
      return ProbeResult.failed(firstLine(e));
    }
  }

  @Override
  public ProbeResult pullImage(String image) {
    ImageRef ref = ImageRef.parse(image);
    try {
      boolean done = docker().pullImageCmd(ref.repository()).withTag(ref.tag()).start()
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return done ? ProbeResult.passed() : ProbeResult.failed("pull did not finish within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.failed("interrupted");
    } catch (RuntimeException e) {
      return ProbeResult.failed(firstLine(e));
    }
  }

  /** Runs {@code k3s --version} in a privileged container of the k3s image (its entrypoint is /bin/k3s). */
  @Override
  public ProbeResult privilegedAllowed(String image) {
    DockerClient docker;
    try {
      docker = docker();
    } catch (RuntimeException e) {
      return ProbeResult.failed(firstLine(e));
    }
    String id = null;
    try {
      CreateContainerResponse created = docker.createContainerCmd(image)
          .withCmd("--version")
          .withLabels(DockerClientFactory.DEFAULT_LABELS)
          .withHostConfig(HostConfig.newHostConfig().withPrivileged(true))
          .exec();
      id = created.getId();
      docker.startContainerCmd(id).exec();
      Integer exit = docker.waitContainerCmd(id).start().awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return exit != null && exit == 0 ? ProbeResult.passed()
          : ProbeResult.failed("privileged test container exited " + exit);
    } catch (RuntimeException e) {
      return ProbeResult.failed(firstLine(e));
    } finally {
      if (id != null) {
        try {
          docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException ignored) {
          // best effort: the container is labelled for Testcontainers' reaper anyway
        }
      }
    }
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().lines().findFirst().orElse(message);
  }
}
