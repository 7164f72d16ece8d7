package io.grpcconformance.gateway.routing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and key the data plane may present, and the SNI hostname it is chosen for.
 *
 * @param hostname exact host, {@code *.suffix} wildcard, or empty for "any SNI"
 * @param chain leaf first
 * @param key the leaf's private key; never logged, {@link #toString()} omits it
 * @param source where it came from, e.g. {@code secret default/foo-tls}, for logs and status
 */
public record ServerCertificate(
    String hostname, List<X509Certificate> chain, PrivateKey key, String source) {

  public ServerCertificate {
    Objects.requireNonNull(hostname, "hostname");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("empty certificate chain from " + source);
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(source, "source");
  }

  @Override
  public String toString() {
    return "ServerCertificate[hostname=" + hostname + ", subject="
        + chain.get(0).getSubjectX500Principal().getName() + ", source=" + source + "]";
  }
}
