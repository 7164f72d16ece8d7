package io.grpcconformance.harness.cluster;

import io.grpcconformance.harness.env.Address;
import java.util.Optional;

/** Where the test JVM reaches a NodePort of the cluster, when the cluster maps it to the host. */
@FunctionalInterface
public interface PortMapper {
  /** The host address of {@code nodePort}, or empty when it is not mapped. */
  Optional<Address> map(int nodePort);

  /** Maps nothing (port-forwarding is then used). */
  static PortMapper none() {
    return nodePort -> Optional.empty();
  }
}
