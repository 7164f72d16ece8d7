package io.grpcconformance.gateway.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/** Raw TLS handshakes against a data plane port, to observe certificate, ALPN and versions. */
final class TlsProbe {
  private TlsProbe() {}

  /** What a completed handshake negotiated. */
  record Handshake(X509Certificate leaf, String protocol, String alpn) {
    String subject() {
      return leaf.getSubjectX500Principal().getName();
    }
  }

  /** A JDK handshake with {@code sni} (null: none), offering ALPN h2 and http/1.1. */
  static Handshake handshake(int port, String sni, String... protocols) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new X509ExtendedTrustManager[] {new TrustAll()}, new SecureRandom());
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
        port)) {
      SSLParameters parameters = socket.getSSLParameters();
      if (sni != null) {
        parameters.setServerNames(List.of(new SNIHostName(sni)));
      }
      parameters.setProtocols(protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"}
          : protocols);
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      return new Handshake((X509Certificate) socket.getSession().getPeerCertificates()[0],
          socket.getSession().getProtocol(), socket.getApplicationProtocol());
    }
  }

  /**
   * Sends a hand-built ClientHello with legacy version {@code major.minor} (3.2 = TLS 1.1,
   * 3.3 = TLS 1.2) and returns the first bytes the server answers. The JDK client cannot offer
   * TLS 1.1 any more (jdk.tls.disabledAlgorithms), so the refusal is tested on the wire.
   */
  static byte[] rawClientHello(int port, int minor, String sni) throws IOException {
    ByteArrayOutputStream hello = new ByteArrayOutputStream();
    hello.write(3);
    hello.write(minor);
    hello.writeBytes(new byte[32]); // client random
    hello.write(0); // no session id
    int[] suites = {0xc02b, 0xc02f, 0xc009, 0xc013, 0x002f};
    writeShort(hello, suites.length * 2);
    for (int suite : suites) {
      writeShort(hello, suite);
    }
    hello.write(1); // one compression method: null
    hello.write(0);
    byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream extensions = new ByteArrayOutputStream();
    writeShort(extensions, 0x0000); // server_name
    writeShort(extensions, name.length + 5);
    writeShort(extensions, name.length + 3);
    extensions.write(0);
    writeShort(extensions, name.length);
    extensions.writeBytes(name);
    writeShort(extensions, 0x000a); // supported_groups: secp256r1
    writeShort(extensions, 4);
    writeShort(extensions, 2);
    writeShort(extensions, 0x0017);
    writeShort(extensions, 0x000b); // ec_point_formats: uncompressed
    writeShort(extensions, 2);
    extensions.write(1);
    extensions.write(0);
    writeShort(extensions, 0x000d); // signature_algorithms
    writeShort(extensions, 8);
    writeShort(extensions, 6);
    writeShort(extensions, 0x0403);
    writeShort(extensions, 0x0804);
    writeShort(extensions, 0x0401);
    writeShort(hello, extensions.size());
    hello.writeBytes(extensions.toByteArray());

    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(0x16); // handshake
    record.write(3);
    record.write(1);
    writeShort(record, hello.size() + 4);
    record.write(1); // client_hello
    record.write(0);
    writeShort(record, hello.size());
    record.writeBytes(hello.toByteArray());
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(record.toByteArray());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      return in.readNBytes(7);
    }
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }

  /** Trusts any server: these probes inspect the certificate instead of verifying it. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type,
        javax.net.ssl.SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type,
        javax.net.ssl.SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String type) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String type) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
