package io.grpcconformance.harness.tls;

import io.grpcconformance.harness.grpc.TlsFacts;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one TLS handshake.
 *
 * @param facts what was negotiated, when the handshake completed
 * @param failure why it did not complete (exception class and message), else empty string
 */
public record HandshakeResult(Optional<TlsFacts> facts, String failure) {
  public HandshakeResult {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(failure, "failure");
  }

  public boolean succeeded() {
    return facts.isPresent();
  }

  /** The facts, or an AssertionError that carries the failure. */
  public TlsFacts factsOrFail() {
    return facts.orElseThrow(() -> new AssertionError("TLS handshake failed: " + failure));
  }
}
