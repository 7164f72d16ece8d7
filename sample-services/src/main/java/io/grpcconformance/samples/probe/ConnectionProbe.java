package io.grpcconformance.samples.probe;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Probes one target the way the NetworkPolicy e2e tests do: a bare TCP connect (agnhost {@code
 * connect}: dial, send nothing, close) and, optionally, a {@code grpc.health.v1.Health/Check} over
 * a channel built for this probe only.
 *
 * <p>Every probe opens NEW connections and closes them: Calico (and other conntrack-based CNIs)
 * evaluates policy at connection setup only, so a reused connection would keep working after a deny
 * (ingress-netpol.md B.4 #4). Each phase is bounded by the timeout, so one target costs at most
 * twice the timeout. Thread-safe; one instance can probe many targets concurrently.
 */
public final class ConnectionProbe {

  private final Duration timeout;
  private final boolean grpcHealth;
  private final Consumer<String> details;

  /**
   * @param timeout bound of the TCP connect and, separately, of the health check's deadline
   * @param grpcHealth whether to run the health check after a successful connect
   * @param details receives one human-readable line per failure (the exception), for stderr
   */
  public ConnectionProbe(Duration timeout, boolean grpcHealth, Consumer<String> details) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.grpcHealth = grpcHealth;
    this.details = Objects.requireNonNull(details, "details");
  }

  /** Probes {@code target} and describes the outcome. */
  public ProbeLine probe(ProbeTarget target) {
    long start = System.nanoTime();
    TcpOutcome tcp = connect(target);
    Optional<String> grpc = Optional.empty();
    if (grpcHealth) {
      grpc = Optional.of(tcp == TcpOutcome.OK ? healthCheck(target) : ProbeLine.NOT_CHECKED);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new ProbeLine(target, tcp, grpc, millis);
  }

  private TcpOutcome connect(ProbeTarget target) {
    InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
    if (address.isUnresolved()) {
      details.accept(target + ": host does not resolve");
      return TcpOutcome.DNS;
    }
    try (Socket socket = new Socket()) {
      // SO_LINGER 0 would send RST; a normal close (FIN) is what agnhost connect does.
      socket.connect(address, timeoutMillis());
      return TcpOutcome.OK;
    } catch (SocketTimeoutException e) {
      return TcpOutcome.TIMEOUT;
    } catch (NoRouteToHostException e) {
      details.accept(target + ": " + e.getMessage());
      return TcpOutcome.UNREACHABLE;
    } catch (ConnectException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("unreachable")) {
        details.accept(target + ": " + message);
        return TcpOutcome.UNREACHABLE;
      }
      return TcpOutcome.REFUSED;
    } catch (UnknownHostException e) {
      details.accept(target + ": " + e.getMessage());
      return TcpOutcome.DNS;
    } catch (IOException | RuntimeException e) {
      details.accept(target + ": " + e);
      return TcpOutcome.ERROR;
    }
  }

  private String healthCheck(ProbeTarget target) {
    // A channel per probe: a fresh TCP connection that Calico evaluates against current policy.
    ManagedChannel channel =
        Grpc.newChannelBuilderForAddress(
                target.host(), target.port(), InsecureChannelCredentials.create())
            .disableRetry()
            .build();
    try {
      HealthCheckResponse response =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
              .check(HealthCheckRequest.getDefaultInstance());
      return response.getStatus().name();
    } catch (StatusRuntimeException e) {
      details.accept(target + ": health check " + e.getStatus());
      return e.getStatus().getCode().name();
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int timeoutMillis() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }
}
