package io.grpcconformance.harness.isolation;

/** Deploys the model into a {@link FakeCluster} for tests that start from a running model. */
final class Deployments {

  static final ModelNames NAMES = new ModelNames("gc-", "t0001");

  private Deployments() {}

  static DeployedModel deploy(FakeCluster fake, IsolationConfig config) {
    return new IsolationModel(fake, config).deploy(NAMES);
  }
}
