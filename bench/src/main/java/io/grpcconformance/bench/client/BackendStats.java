package io.grpcconformance.bench.client;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpcconformance.bench.backend.BackendCounters;
import io.grpcconformance.bench.backend.EchoMethods;
import java.util.concurrent.TimeUnit;

/** Reads the echo backend's counters over a direct channel (never through a proxy). */
public final class BackendStats {
  private static final long DEADLINE_SECONDS = 5;

  private BackendStats() {}

  /** The backend's counters now. */
  public static BackendCounters.Snapshot read(ManagedChannel direct) {
    byte[] answer = ClientCalls.blockingUnaryCall(direct, EchoMethods.STATS_METHOD,
        CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS), new byte[0]);
    return BackendCounters.Snapshot.decode(answer);
  }
}
