package io.grpcconformance.harness.tls;

import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.grpc.TlsFacts;
import io.grpcconformance.harness.grpc.TrustAllTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Performs a bare TLS handshake with JSSE (no HTTP/2, no gRPC) and reports what the server
 * negotiated: protocol, cipher, ALPN and the certificate it chose for the SNI. With a trusted CA
 * the chain and the hostname (against the SNI) are verified, so a wrong certificate fails here.
 */
public final class TlsHandshakeProbe {

  private final Duration timeout;

  /** A probe whose connect and handshake each get {@code timeout}. */
  public TlsHandshakeProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Handshakes with {@code address}.
   *
   * @param sni the server name to send; empty sends none
   * @param trustedCaPem verify against this CA and check the hostname; empty trusts anything
   * @param alpn application protocols to offer, e.g. {@code h2}
   */
  public HandshakeResult handshake(
      Address address, Optional<String> sni, Optional<String> trustedCaPem, List<String> alpn) {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
      raw.setSoTimeout((int) timeout.toMillis());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, trustManagers(trustedCaPem), null);
      try (SSLSocket s =
          (SSLSocket)
              ctx.getSocketFactory()
                  .createSocket(raw, sni.orElse(address.host()), address.port(), true)) {
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(
            sni.map(n -> List.of(new SNIHostName(n))).orElse(List.of()).stream()
                .map(n -> (javax.net.ssl.SNIServerName) n)
                .toList());
        p.setApplicationProtocols(alpn.toArray(new String[0]));
        if (trustedCaPem.isPresent() && sni.isPresent()) {
          p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name check against the SNI
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return new HandshakeResult(
            Optional.of(TlsFacts.of(s.getSession(), s.getApplicationProtocol())), "");
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return new HandshakeResult(
          Optional.empty(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static TrustManager[] trustManagers(Optional<String> caPem)
      throws GeneralSecurityException, IOException {
    if (caPem.isEmpty()) {
      return new TrustManager[] {TrustAllTrustManager.INSTANCE};
    }
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    for (Certificate c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(caPem.get().getBytes(StandardCharsets.US_ASCII)))) {
      ks.setCertificateEntry("ca-" + i++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }
}
