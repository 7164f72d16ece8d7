package io.grpcconformance.harness.grpc;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * What a TLS handshake negotiated and which certificate the server presented.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param alpn the negotiated application protocol, e.g. {@code h2}; empty string when none
 * @param peerSubject RFC 2253 subject of the leaf certificate, e.g. {@code CN=foo.example.com}
 * @param peerIssuer RFC 2253 issuer of the leaf certificate
 * @param peerDnsNames the leaf's DNS subject alternative names
 */
public record TlsFacts(
    String protocol,
    String cipherSuite,
    String alpn,
    String peerSubject,
    String peerIssuer,
    List<String> peerDnsNames) {

  public TlsFacts {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    alpn = alpn == null ? "" : alpn;
    Objects.requireNonNull(peerSubject, "peerSubject");
    Objects.requireNonNull(peerIssuer, "peerIssuer");
    peerDnsNames = List.copyOf(peerDnsNames);
  }

  /** Facts from an established session and the ALPN result of its engine or socket. */
  public static TlsFacts of(SSLSession session, String alpn) {
    X509Certificate leaf;
    try {
      leaf = (X509Certificate) session.getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException e) {
      throw new IllegalStateException("TLS session without a peer certificate", e);
    }
    return new TlsFacts(
        session.getProtocol(),
        session.getCipherSuite(),
        alpn,
        leaf.getSubjectX500Principal().getName(),
        leaf.getIssuerX500Principal().getName(),
        dnsNames(leaf));
  }

  /** The {@code CN} of the leaf's subject, or the whole subject when it has none. */
  public String peerCommonName() {
    for (String part : peerSubject.split(",")) {
      if (part.trim().startsWith("CN=")) {
        return part.trim().substring(3);
      }
    }
    return peerSubject;
  }

  static List<String> dnsNames(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) { // 2 = dNSName (RFC 5280 §4.2.1.6)
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no readable SANs: report none
    }
    return out;
  }
}
