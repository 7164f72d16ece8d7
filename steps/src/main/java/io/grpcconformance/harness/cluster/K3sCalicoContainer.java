package io.grpcconformance.harness.cluster;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.util.List;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers k3s container prepared for Calico: flannel and the built-in policy controller off, the pod
 * CIDR set, the gateway's NodePorts exposed, the wait replaced and the root mount made shared.
 *
 * <p>Constructing it needs Docker ({@code K3sContainer}'s constructor resolves the host for {@code --tls-san}),
 * so it is built only after {@link Preflight} passed (cluster.md §1.2).
 */
public final class K3sCalicoContainer extends K3sContainer {
  private final K3sClusterSpec spec;

  public K3sCalicoContainer(K3sClusterSpec spec) {
    super(DockerImageName.parse(spec.image()).asCompatibleSubstituteFor("rancher/k3s"));
    this.spec = spec;
    // Append to (not replace) the module's command, which carries --disable=traefik and --tls-san.
    String[] moduleCommand = getCommandParts();
    setCommand(spec.serverCommand(moduleCommand == null ? List.of() : List.of(moduleCommand)).toArray(String[]::new));
    // addExposedPorts keeps 6443, which containerIsStarted maps into the kubeconfig; withExposedPorts would not.
    spec.extraExposedPorts().forEach(this::addExposedPort);
    waitingFor(Wait.forLogMessage(K3sClusterSpec.READY_LOG, 1).withStartupTimeout(spec.startupTimeout()));
  }

  /** The spec this container was built from. */
  public K3sClusterSpec spec() {
    return spec;
  }

  /**
   * Runs after the container started and before the wait: Calico's init containers use Bidirectional mounts,
   * which containerd refuses on Docker's private mounts; kind and k3d make / rshared the same way (cluster.md §2.5).
   */
  @Override
  protected void containerIsStarting(InspectContainerResponse containerInfo) {
    super.containerIsStarting(containerInfo);
    try {
      ExecResult result = execInContainer("mount", "--make-rshared", "/");
      if (result.getExitCode() != 0) {
        throw new IllegalStateException("k3s: `mount --make-rshared /` exited " + result.getExitCode() + ": "
            + result.getStderr().strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("k3s: `mount --make-rshared /` failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("k3s: interrupted while making / rshared", e);
    }
  }
}
