package io.grpcconformance.samples.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * Builds the server-side TLS context of a sample service: PEM files, ALPN h2, TLS 1.2 and 1.3 only.
 */
public final class TlsSupport {

  /** The protocol versions a sample service accepts. */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsSupport() {}

  /**
   * A server context from a PEM certificate chain and a PEM PKCS#8 private key.
   *
   * @throws IllegalArgumentException naming the files when they are missing or unusable; the
   *     message never contains key material
   */
  public static SslContext serverContext(Path certPem, Path keyPem) {
    for (Path file : new Path[] {certPem, keyPem}) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("tls: cannot read " + file);
      }
    }
    try {
      // GrpcSslContexts.configure sets ALPN to h2 and the HTTP/2-approved cipher suites.
      return GrpcSslContexts.configure(
              SslContextBuilder.forServer(certPem.toFile(), keyPem.toFile()))
          .protocols(PROTOCOLS)
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tls: cannot use certificate "
              + certPem
              + " with key "
              + keyPem
              + " (expected a PEM certificate chain and an unencrypted PEM PKCS#8 key): "
              + e.getClass().getSimpleName(),
          e);
    }
  }
}
