package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import java.util.Optional;

/**
 * A cluster environment that cannot run here: every scenario is skipped with {@link #skipReason()}, one line per
 * failed preflight check (reason and fix). Nothing else may be called.
 */
public final class SkippedEnvironment implements Environment {
  private final String name;
  private final String reason;

  public SkippedEnvironment(String name, String reason) {
    this.name = name;
    this.reason = reason;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> skipReason() {
    return Optional.of(reason);
  }

  @Override
  public Optional<String> missing(Capability capability) {
    return Optional.of(reason);
  }

  @Override
  public KubernetesClient client() {
    throw unavailable();
  }

  @Override
  public void deploy(SampleDeployment deployment) {
    throw unavailable();
  }

  @Override
  public Address gatewayAddress(String namespace, String gatewayName, int listenerPort) {
    throw unavailable();
  }

  @Override
  public Address ingressAddress(int port) {
    throw unavailable();
  }

  @Override
  public void close() {
    // nothing was started
  }

  private IllegalStateException unavailable() {
    return new IllegalStateException(reason);
  }
}
