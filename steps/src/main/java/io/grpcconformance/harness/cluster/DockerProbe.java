package io.grpcconformance.harness.cluster;

/** What the k3s environment's preflight asks the local Docker daemon. */
public interface DockerProbe {
  /** The daemon answers. */
  ProbeResult dockerReachable();

  /** The image is in the local daemon. */
  ProbeResult imagePresent(String image);

  /** Pulling the image succeeds. */
  ProbeResult pullImage(String image);

  /** A privileged container of the image runs (k3s-in-Docker needs privileged mode). */
  ProbeResult privilegedAllowed(String image);
}
