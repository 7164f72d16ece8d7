package io.grpcconformance.harness.grpc;

import io.grpcconformance.harness.env.Address;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a probe connects.
 *
 * @param address the socket address to connect to
 * @param authority the {@code :authority} (and TLS SNI) to send; empty means the address itself
 * @param tls empty for cleartext HTTP/2 with prior knowledge (h2c)
 */
public record Dial(Address address, Optional<String> authority, Optional<ClientTls> tls) {
  public Dial {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(tls, "tls");
  }

  /** h2c to {@code address} with {@code authority} (null for none). */
  public static Dial plaintext(Address address, String authority) {
    return new Dial(address, Optional.ofNullable(authority), Optional.empty());
  }

  /** TLS to {@code address}; {@code authority} also sets the SNI. */
  public static Dial tls(Address address, String authority, ClientTls tls) {
    return new Dial(address, Optional.ofNullable(authority), Optional.of(tls));
  }

  @Override
  public String toString() {
    return (tls.isPresent() ? "https://" : "h2c://")
        + address
        + authority.map(a -> " (authority " + a + ")").orElse("");
  }
}
