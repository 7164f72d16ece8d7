package io.grpcconformance.gateway.provider.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.grpcconformance.gateway.config.GatewayConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Leader election over a {@code coordination.k8s.io/v1} Lease (fabric8 {@code LeaderElector} with
 * a {@code LeaseLock}). The leader opens the {@link LeaderGatedStatusSink}; a replica that loses
 * the lease closes it and goes back to being a candidate, so one replica always ends up writing.
 * Closing releases the lease, letting another replica take over without waiting for it to expire.
 */
public final class LeaseLeadership implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LeaseLeadership.class.getName());

  private final KubernetesClient client;
  private final GatewayConfig.Lease lease;
  private final LeaderGatedStatusSink gate;
  private final Runnable onLeading;
  private final String identity;
  private final ExecutorService executor;
  private volatile CompletableFuture<?> election;
  private volatile boolean closed;

  /**
   * @param onLeading called after gaining leadership (the runtime re-publishes statuses)
   */
  public LeaseLeadership(
      KubernetesClient client, GatewayConfig.Lease lease, LeaderGatedStatusSink gate,
      Runnable onLeading) {
    this.client = Objects.requireNonNull(client, "client");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.onLeading = Objects.requireNonNull(onLeading, "onLeading");
    this.identity = lease.identity().isBlank() ? defaultIdentity() : lease.identity();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lease-" + lease.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** This replica's holder identity. */
  public String identity() {
    return identity;
  }

  /** Starts campaigning; returns at once. */
  public void start() {
    campaign();
  }

  private void campaign() {
    if (closed) {
      return;
    }
    LeaderCallbacks callbacks = new LeaderCallbacks(
        () -> {
          LOG.info("lease " + lease.namespace() + "/" + lease.name() + ": " + identity
              + " is the leader; writing statuses");
          gate.leading(true);
          onLeading.run();
        },
        () -> {
          gate.leading(false);
          LOG.info("lease " + lease.namespace() + "/" + lease.name() + ": " + identity
              + " stopped leading");
        },
        leader -> LOG.fine("lease " + lease.name() + ": leader is " + leader));
    var config = new LeaderElectionConfigBuilder()
        .withName(lease.name())
        .withLock(new LeaseLock(lease.namespace(), lease.name(), identity))
        .withLeaseDuration(lease.duration())
        .withRenewDeadline(lease.renewDeadline())
        .withRetryPeriod(lease.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(callbacks)
        .build();
    election = new LeaderElectorBuilder(client, executor).withConfig(config).build().start();
    // The elector's future ends when leadership is lost (or acquisition fails hard): stay a
    // candidate until closed.
    election.whenComplete((ignored, error) -> {
      gate.leading(false);
      if (!closed) {
        CompletableFuture.delayedExecutor(
                lease.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor)
            .execute(this::campaign);
      }
    });
  }

  private static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "gateway";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Stops campaigning and releases the lease if held. */
  @Override
  public void close() {
    closed = true;
    gate.leading(false);
    CompletableFuture<?> current = election;
    if (current != null) {
      current.cancel(true);
    }
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
