package io.grpcconformance.harness.cluster;

/**
 * The answer of one preflight probe.
 *
 * @param ok whether the probed thing is usable
 * @param detail why not (one line), empty when ok
 */
public record ProbeResult(boolean ok, String detail) {
  public static ProbeResult passed() {
    return new ProbeResult(true, "");
  }

  public static ProbeResult failed(String detail) {
    return new ProbeResult(false, detail);
  }
}
