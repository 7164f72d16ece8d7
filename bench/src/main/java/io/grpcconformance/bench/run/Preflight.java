package io.grpcconformance.bench.run;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpcconformance.bench.backend.EchoMethods;
import io.grpcconformance.bench.client.BackendStats;
import io.grpcconformance.bench.client.ClientTransport;
import io.grpcconformance.bench.systems.SystemContext;
import io.grpcconformance.bench.systems.SystemUnderTest;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Before any measurement, proves that a system carries calls correctly: a Java call through it
 * echoes the payload (retried while a gateway applies its first configuration), then
 * {@link #CALLS} h2load calls per port (count mode, nothing left in flight) must be exactly
 * {@link #CALLS} HTTP successes AND {@link #CALLS} OK calls at the backend, which also proves the
 * grpc-status accounting the measured windows rely on.
 */
final class Preflight {
  /** How long a system may take to answer its first call (a gateway translating, binding). */
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long RETRY_MILLIS = 250;
  private static final long CALL_DEADLINE_SECONDS = 5;
  static final int CALLS = 200;

  private Preflight() {}

  /** Null when the system passed, else why not (one line). */
  static String check(SystemUnderTest sut, ClientTransport transport, ManagedChannel direct,
      H2loadDriver h2load, int payloadBytes) throws InterruptedException {
    ManagedChannel channel = transport.channel(SystemContext.LOOPBACK, sut.plainPort());
    try {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      byte[] payload = EchoMethods.payload(payloadBytes);
      String lastError = "";
      while (true) {
        try {
          byte[] answer = ClientCalls.blockingUnaryCall(channel, EchoMethods.UNARY_METHOD,
              CallOptions.DEFAULT.withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS),
              payload);
          if (!Arrays.equals(answer, payload)) {
            return "the echo through it returned different bytes";
          }
          break;
        } catch (RuntimeException e) {
          lastError = e.getMessage();
        }
        if (System.nanoTime() > deadline) {
          return "no OK call within " + TIMEOUT + ": " + lastError;
        }
        Thread.sleep(RETRY_MILLIS);
      }
      for (boolean tls : sut.tlsPort() > 0 ? List.of(false, true) : List.of(false)) {
        long before = BackendStats.read(direct).okCalls();
        DriverOutcome outcome = h2load.count(tls ? sut.tlsPort() : sut.plainPort(), tls, CALLS);
        long served = BackendStats.read(direct).okCalls() - before;
        if (outcome.okCalls() != CALLS || outcome.errors() != 0 || served != CALLS) {
          return String.format("h2load %s preflight: %d of %d HTTP successes, %d errors, %d OK at"
              + " the backend", tls ? "TLS" : "h2c", outcome.okCalls(), CALLS, outcome.errors(),
              served);
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "preflight failed: " + e.getMessage();
    } finally {
      channel.shutdownNow();
    }
  }
}
