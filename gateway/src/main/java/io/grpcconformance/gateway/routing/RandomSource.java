package io.grpcconformance.gateway.routing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Randomness for weighted backend choice, injectable so distribution tests are deterministic
 * (grpc-java's {@code ThreadSafeRandom} idiom). Implementations must be safe to call from any
 * thread.
 */
@FunctionalInterface
public interface RandomSource {

  /** A uniformly distributed value in {@code [0, bound)}; {@code bound} is positive. */
  int nextInt(int bound);

  /** The production source: {@link ThreadLocalRandom}, contention-free on every event loop. */
  static RandomSource threadLocal() {
    return ThreadLocalSource.INSTANCE;
  }

  /** Singleton holder for {@link #threadLocal()}. */
  enum ThreadLocalSource implements RandomSource {
    INSTANCE;

    @Override
    public int nextInt(int bound) {
      return ThreadLocalRandom.current().nextInt(bound);
    }
  }
}
