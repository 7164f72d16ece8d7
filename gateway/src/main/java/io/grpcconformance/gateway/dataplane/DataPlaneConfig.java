package io.grpcconformance.gateway.dataplane;

import java.util.Objects;

/**
 * Settings of the data plane.
 *
 * @param bindAddress address every listener binds (default {@code 0.0.0.0})
 * @param ephemeralPorts when true each declared port is bound on a free ephemeral port instead (for
 *     embedded use and tests); {@link DataPlane#boundPort(int)} tells which
 */
public record DataPlaneConfig(String bindAddress, boolean ephemeralPorts) {
  public DataPlaneConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
  }

  public static DataPlaneConfig defaults() {
    return new DataPlaneConfig("0.0.0.0", false);
  }
}
