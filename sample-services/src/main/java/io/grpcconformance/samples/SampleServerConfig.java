package io.grpcconformance.samples;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolved settings of one sample service instance, built by {@link SampleServer.Builder}.
 *
 * @param kind which service to run
 * @param name the instance name sent as {@code x-served-by}; default: the kind's CLI name
 * @param bind the address to listen on; builder default {@code 127.0.0.1}, CLI default {@code
 *     0.0.0.0}
 * @param port the TCP port; {@code 0} picks a free one (builder default 0, CLI default 9001/9002)
 * @param reflection whether gRPC server reflection v1 and v1alpha are served; default false
 * @param tlsCert PEM certificate chain, or null for plaintext (h2c); set together with {@code
 *     tlsKey}
 * @param tlsKey PEM PKCS#8 private key, or null for plaintext
 * @param usersFile YAML accounts file for the User service, or null for the demo accounts
 * @param podName sent as {@code x-served-pod}; default env POD_NAME, then the hostname
 * @param podNamespace sent as {@code x-served-namespace}; default env POD_NAMESPACE, then "local"
 * @param graceSeconds how long a graceful shutdown waits for in-flight calls; default 10
 */
public record SampleServerConfig(
    SampleServer.Kind kind,
    String name,
    String bind,
    int port,
    boolean reflection,
    Path tlsCert,
    Path tlsKey,
    Path usersFile,
    String podName,
    String podNamespace,
    int graceSeconds) {

  /** Instance names end up in a header and in the space-separated LISTENING line. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  /** Validates the combination; every message names the offending setting. */
  public SampleServerConfig {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(podNamespace, "podNamespace");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: '" + name + "' must match " + NAME.pattern() + " (it is sent as x-served-by)");
    }
    if (bind.isBlank()) {
      throw new IllegalArgumentException("bind: must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " is not in 0..65535");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("tls: --tls-cert and --tls-key must be given together");
    }
    if (usersFile != null && kind != SampleServer.Kind.USER) {
      throw new IllegalArgumentException("users: a users file applies to the user service only");
    }
    if (graceSeconds < 0) {
      throw new IllegalArgumentException("graceSeconds: " + graceSeconds + " must be >= 0");
    }
  }

  /** Whether the service listens with TLS. */
  public boolean tlsEnabled() {
    return tlsCert != null;
  }
}
