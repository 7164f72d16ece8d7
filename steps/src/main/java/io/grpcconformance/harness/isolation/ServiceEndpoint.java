package io.grpcconformance.harness.isolation;

import java.util.Objects;

/**
 * One ready endpoint of a Service.
 *
 * @param pod the pod behind it ({@code targetRef} name; {@code ?} when the slice has none)
 * @param ip the pod IP
 * @param port the target port: the container port traffic arrives on
 */
public record ServiceEndpoint(String pod, String ip, int port) {
  public ServiceEndpoint {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(ip, "ip");
  }
}
