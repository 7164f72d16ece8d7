package io.grpcconformance.gateway.dataplane;

import static io.grpcconformance.gateway.dataplane.TestTables.any;
import static io.grpcconformance.gateway.dataplane.TestTables.backend;
import static io.grpcconformance.gateway.dataplane.TestTables.host;
import static io.grpcconformance.gateway.dataplane.TestTables.https;
import static io.grpcconformance.gateway.dataplane.TestTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS termination: SNI certificate choice, versions, ALPN, live certificate changes. */
class DataPlaneTlsTest extends DataPlaneTestSupport {
  private static final ServerCertificate FOO =
      TestCertificates.serverCertificate("foo.example.com", "foo.example.com");
  private static final ServerCertificate WILDCARD =
      TestCertificates.serverCertificate("*.example.com", "*.example.com");
  private static final ServerCertificate FALLBACK =
      TestCertificates.serverCertificate("fallback.invalid", "");

  private TestBackend backend;

  @BeforeEach
  void startBackend() throws Exception {
    backend = startBackend("a");
  }

  @Test
  void grpcOverTls_verifiedAgainstTheSniCertificate() throws Exception {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), FOO, WILDCARD));

    Outcome foo = sayHello(tlsChannel(dataPlane, "foo.example.com"), "tls");
    Outcome bar = sayHello(tlsChannel(dataPlane, "bar.example.com"), "tls");

    assertThat(foo.reply().getMessage()).isEqualTo("Hello tls from a");
    assertThat(foo.header("x-seen-authority")).isEqualTo("foo.example.com");
    assertThat(bar.reply().getMessage()).isEqualTo("Hello tls from a");
  }

  @Test
  void sni_exactBeatsWildcard() throws Exception {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), WILDCARD, FOO));

    assertThat(TlsProbe.handshake(port(dataPlane), "foo.example.com").subject())
        .isEqualTo("CN=foo.example.com");
    assertThat(TlsProbe.handshake(port(dataPlane), "a.b.example.com").subject())
        .isEqualTo("CN=*.example.com");
  }

  @Test
  void sni_noMatchingCertificateFailsTheHandshake() {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), FOO, WILDCARD));

    assertThatThrownBy(() -> TlsProbe.handshake(port(dataPlane), "other.test"))
        .isInstanceOf(SSLException.class);
    assertThatThrownBy(() -> TlsProbe.handshake(port(dataPlane), "example.com"))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void sni_fallbackCertificateWhenNothingMatches() throws Exception {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.of(FALLBACK), FOO));

    assertThat(TlsProbe.handshake(port(dataPlane), "other.test").subject())
        .isEqualTo("CN=fallback.invalid");
    assertThat(TlsProbe.handshake(port(dataPlane), null).subject())
        .isEqualTo("CN=fallback.invalid");
    assertThat(TlsProbe.handshake(port(dataPlane), "foo.example.com").subject())
        .isEqualTo("CN=foo.example.com");
  }

  @Test
  void versions_tls12And13AcceptedTls11Refused() throws Exception {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), FOO));

    assertThat(TlsProbe.handshake(port(dataPlane), "foo.example.com", "TLSv1.3").protocol())
        .isEqualTo("TLSv1.3");
    assertThat(TlsProbe.handshake(port(dataPlane), "foo.example.com", "TLSv1.2").protocol())
        .isEqualTo("TLSv1.2");
    byte[] tls12 = TlsProbe.rawClientHello(port(dataPlane), 3, "foo.example.com");
    byte[] tls11 = TlsProbe.rawClientHello(port(dataPlane), 2, "foo.example.com");
    assertThat(tls12[0]).as("TLS 1.2 hello gets a handshake record").isEqualTo((byte) 0x16);
    assertThat(tls12[5]).as("ServerHello").isEqualTo((byte) 2);
    assertThat(tls11[0]).as("TLS 1.1 hello gets an alert record").isEqualTo((byte) 0x15);
    assertThat(tls11[6]).as("protocol_version alert").isEqualTo((byte) 70);
  }

  @Test
  void alpn_negotiatesH2() throws Exception {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), FOO));

    assertThat(TlsProbe.handshake(port(dataPlane), "foo.example.com").alpn()).isEqualTo("h2");
  }

  @Test
  void plaintextToTlsPort_fails() {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), FOO));

    Outcome outcome = sayHello(channel(dataPlane, 8443, "foo.example.com"), "plain");

    assertThat(outcome.error().getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(backend.received).isEmpty();
  }

  @Test
  void certificateChange_appliesWithoutRebinding() throws Exception {
    DataPlane dataPlane = dataPlane(tlsTable(1, Optional.empty(), FOO));
    int boundBefore = port(dataPlane);
    ServerCertificate renewed =
        TestCertificates.serverCertificate("foo.example.com", "foo.example.com");
    String oldSerial = TlsProbe.handshake(boundBefore, "foo.example.com").leaf()
        .getSerialNumber().toString();

    dataPlane.apply(tlsTable(2, Optional.empty(), renewed));

    assertThat(port(dataPlane)).isEqualTo(boundBefore);
    assertThat(TlsProbe.handshake(boundBefore, "foo.example.com").leaf().getSerialNumber())
        .isEqualTo(renewed.chain().get(0).getSerialNumber())
        .isNotEqualTo(new java.math.BigInteger(oldSerial));
  }

  private RoutingTable tlsTable(long generation, Optional<ServerCertificate> fallback,
      ServerCertificate... certificates) {
    PortRoutes port = https(8443, List.of(certificates), fallback,
        host("*", any(backend("a", 1, backend))));
    return table(generation, port);
  }

  private static int port(DataPlane dataPlane) {
    return dataPlane.boundPort(8443);
  }

  private ManagedChannel tlsChannel(DataPlane dataPlane, String authority) throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port(dataPlane))
        .sslContext(GrpcSslContexts.forClient()
            .trustManager(TestCertificates.caCertificate()).build())
        .overrideAuthority(authority)
        .build();
    closeLater(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }
}
