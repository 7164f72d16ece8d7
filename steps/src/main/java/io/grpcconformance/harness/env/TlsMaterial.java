package io.grpcconformance.harness.env;

import java.util.Objects;

/**
 * A PEM certificate chain (leaf first) and its PKCS#8 private key. {@link #toString()} never shows
 * the key.
 */
public record TlsMaterial(String certificateChainPem, String privateKeyPem) {
  public TlsMaterial {
    Objects.requireNonNull(certificateChainPem, "certificateChainPem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
  }

  @Override
  public String toString() {
    return "TlsMaterial[certificate=" + certificateChainPem.length() + " chars, key=redacted]";
  }
}
