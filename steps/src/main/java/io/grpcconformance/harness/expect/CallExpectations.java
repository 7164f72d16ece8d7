package io.grpcconformance.harness.expect;

import io.grpcconformance.harness.grpc.GrpcProbe;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.harness.wait.Eventually;
import java.util.function.Supplier;

/**
 * Repeats a call until its result meets an expectation the required number of times in a row (the
 * upstream suite's {@code MakeRequestAndExpectEventuallyConsistentResponse}). The request is
 * rebuilt for every attempt, so a gateway address that changes while configuration converges is
 * picked up.
 */
public final class CallExpectations {

  private final GrpcProbe probe;
  private final Eventually eventually;

  public CallExpectations(GrpcProbe probe, Eventually eventually) {
    this.probe = probe;
    this.eventually = eventually;
  }

  /** The last result that met {@code expectation}, after it converged. */
  public ProbeResult mustBeAnswered(Supplier<ProbeRequest> request, Expectation expectation) {
    return eventually.converges(
        describe(request) + " → " + expectation.description(),
        () -> {
          ProbeResult r = probe.call(request.get());
          expectation.check().accept(r);
          return r;
        });
  }

  private static String describe(Supplier<ProbeRequest> request) {
    try {
      ProbeRequest r = request.get();
      return r.path() + " via " + r.dial();
    } catch (RuntimeException e) {
      return "call";
    }
  }
}
