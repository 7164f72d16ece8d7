package io.grpcconformance.harness.expect;

import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.grpc.TlsFacts;
import io.grpcconformance.harness.tls.HandshakeResult;
import io.grpcconformance.harness.tls.LegacyTlsProbe;
import io.grpcconformance.harness.tls.TlsHandshakeProbe;
import io.grpcconformance.harness.wait.Eventually;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TLS assertions at a listener, each repeated until it holds the required number of times in a row
 * (certificates load asynchronously): which certificate is presented for an SNI, that a handshake
 * fails, that a legacy protocol version is refused.
 */
public final class TlsExpectations {

  /** The ALPN protocol gRPC needs (RFC 7540 §3.3). */
  public static final String H2 = "h2";

  private final TlsHandshakeProbe handshakes;
  private final LegacyTlsProbe legacy;
  private final Eventually eventually;

  public TlsExpectations(
      TlsHandshakeProbe handshakes, LegacyTlsProbe legacy, Eventually eventually) {
    this.handshakes = handshakes;
    this.legacy = legacy;
    this.eventually = eventually;
  }

  /**
   * A handshake with {@code sni}, verified against {@code caPem} (chain and hostname), succeeds and
   * negotiates h2 over TLS 1.2 or newer; returns the facts.
   */
  public TlsFacts mustPresentValidCertificate(Supplier<Address> address, String sni, String caPem) {
    return eventually.converges(
        "TLS handshake with SNI " + sni + " verified against the test CA",
        () -> {
          HandshakeResult r =
              handshakes.handshake(
                  address.get(), Optional.of(sni), Optional.of(caPem), List.of(H2));
          TlsFacts facts = r.factsOrFail();
          mustBeModern(facts);
          return facts;
        });
  }

  /**
   * A handshake with {@code sni} (trusting anything) presents a leaf whose CN is {@code
   * commonName}.
   */
  public TlsFacts mustPresentSubject(Supplier<Address> address, String sni, String commonName) {
    return eventually.converges(
        "TLS handshake with SNI " + sni + " presents CN=" + commonName,
        () -> {
          TlsFacts facts =
              handshakes
                  .handshake(address.get(), Optional.of(sni), Optional.empty(), List.of(H2))
                  .factsOrFail();
          if (!commonName.equals(facts.peerCommonName())) {
            throw new AssertionError(
                "presented " + facts.peerSubject() + ", expected CN=" + commonName);
          }
          return facts;
        });
  }

  /** A handshake with {@code sni} fails even when any certificate would be trusted. */
  public String mustFailHandshake(Supplier<Address> address, String sni) {
    return eventually.converges(
        "TLS handshake with SNI " + sni + " fails",
        () -> {
          HandshakeResult r =
              handshakes.handshake(address.get(), Optional.of(sni), Optional.empty(), List.of(H2));
          if (r.succeeded()) {
            throw new AssertionError(
                "handshake succeeded and presented " + r.facts().get().peerSubject());
          }
          return r.failure();
        });
  }

  /** A ClientHello offering only {@code version} (e.g. TLS 1.1) is refused. */
  public LegacyTlsProbe.Outcome mustRefuse(Supplier<Address> address, String sni, int version) {
    return eventually.converges(
        String.format("ClientHello offering only 0x%04x is refused", version),
        () -> {
          LegacyTlsProbe.Outcome o = legacy.offer(address.get(), sni, version);
          if (!o.refused()) {
            throw new AssertionError("server answered " + o);
          }
          return o;
        });
  }

  private static void mustBeModern(TlsFacts facts) {
    if (!List.of("TLSv1.2", "TLSv1.3").contains(facts.protocol())) {
      throw new AssertionError("negotiated " + facts.protocol() + ", expected TLS 1.2 or newer");
    }
    if (!H2.equals(facts.alpn())) {
      throw new AssertionError("negotiated ALPN '" + facts.alpn() + "', expected h2");
    }
  }
}
