package io.grpcconformance.gateway.provider.kubernetes;

import io.grpcconformance.gateway.runtime.StatusSink;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.util.Objects;

/**
 * Passes statuses on only while this replica holds the Lease; every replica still translates and
 * serves traffic. On gaining leadership {@link LeaseLeadership} asks the runtime for a pass, so
 * the new leader writes the current statuses at once.
 */
public final class LeaderGatedStatusSink implements StatusSink {
  private final StatusSink delegate;
  private volatile boolean leader;

  public LeaderGatedStatusSink(StatusSink delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void publish(TranslationResult result) {
    if (leader) {
      delegate.publish(result);
    }
  }

  /** Whether this replica currently writes statuses. */
  public boolean isLeader() {
    return leader;
  }

  void leading(boolean value) {
    leader = value;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
