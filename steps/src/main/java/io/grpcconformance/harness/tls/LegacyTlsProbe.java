package io.grpcconformance.harness.tls;

import io.grpcconformance.harness.env.Address;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Offers a server an old TLS version only and reports whether it agreed. The JDK refuses to send
 * TLS 1.0/1.1 hellos by default, so this probe writes a minimal RFC 4346 (TLS 1.1) ClientHello by
 * hand and reads the first record of the answer: a ServerHello means the server accepted the
 * version, an alert (RFC 8446 §6: protocol_version 70, handshake_failure 40) or a closed connection
 * means it refused.
 */
public final class LegacyTlsProbe {

  /** What the server did with the legacy hello. */
  public enum Verdict {
    ACCEPTED,
    REFUSED_WITH_ALERT,
    CLOSED,
    NO_ANSWER
  }

  /**
   * @param verdict what happened
   * @param detail the negotiated version (e.g. {@code 0x0302}) or alert description code
   */
  public record Outcome(Verdict verdict, String detail) {
    public boolean refused() {
      return verdict == Verdict.REFUSED_WITH_ALERT || verdict == Verdict.CLOSED;
    }
  }

  /** TLS 1.1 on the wire. */
  public static final int TLS_1_1 = 0x0302;

  /** TLS 1.0 on the wire. */
  public static final int TLS_1_0 = 0x0301;

  private final Duration timeout;

  public LegacyTlsProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Sends a ClientHello that offers only {@code version} with {@code sni}, and reads the answer.
   */
  public Outcome offer(Address address, String sni, int version) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
      s.setSoTimeout((int) timeout.toMillis());
      OutputStream out = s.getOutputStream();
      out.write(clientHello(sni, version));
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int type = in.readUnsignedByte();
      in.readUnsignedShort(); // record version
      int length = in.readUnsignedShort();
      if (type == 21 && length >= 2) { // alert: level, description
        in.readUnsignedByte();
        return new Outcome(Verdict.REFUSED_WITH_ALERT, String.valueOf(in.readUnsignedByte()));
      }
      if (type == 22 && length >= 6) { // handshake: type(1) length(3) server_version(2)
        int hsType = in.readUnsignedByte();
        in.readUnsignedByte();
        in.readUnsignedShort();
        int serverVersion = in.readUnsignedShort();
        if (hsType == 2) {
          return new Outcome(Verdict.ACCEPTED, String.format("0x%04x", serverVersion));
        }
      }
      return new Outcome(Verdict.CLOSED, "unexpected record type " + type);
    } catch (EOFException | java.net.SocketException e) {
      return new Outcome(Verdict.CLOSED, e.getClass().getSimpleName());
    } catch (SocketTimeoutException e) {
      return new Outcome(Verdict.NO_ANSWER, "no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return new Outcome(Verdict.CLOSED, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** A TLS record carrying a ClientHello that offers only {@code version} (RFC 4346 §7.4.1.2). */
  static byte[] clientHello(String sni, int version) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, version);
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    body.writeBytes(random);
    body.write(0); // empty session id
    int[] suites = {0xC013, 0xC014, 0xC009, 0xC00A, 0x002F, 0x0035, 0x00FF};
    u16(body, suites.length * 2);
    for (int c : suites) {
      u16(body, c);
    }
    body.write(1); // one compression method:
    body.write(0); // null
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    byte[] host = sni.getBytes(StandardCharsets.US_ASCII);
    u16(ext, 0x0000); // server_name (RFC 6066 §3)
    u16(ext, host.length + 5);
    u16(ext, host.length + 3);
    ext.write(0); // host_name
    u16(ext, host.length);
    ext.writeBytes(host);
    u16(ext, 0x000a); // supported_groups: x25519, secp256r1, secp384r1
    u16(ext, 8);
    u16(ext, 6);
    u16(ext, 0x001d);
    u16(ext, 0x0017);
    u16(ext, 0x0018);
    u16(ext, 0x000b); // ec_point_formats: uncompressed
    u16(ext, 2);
    ext.write(1);
    ext.write(0);
    u16(body, ext.size());
    body.writeBytes(ext.toByteArray());

    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    handshake.write(1); // ClientHello
    u24(handshake, body.size());
    handshake.writeBytes(body.toByteArray());

    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(22); // handshake record
    u16(record, TLS_1_0); // record-layer version, as clients send for compatibility
    u16(record, handshake.size());
    record.writeBytes(handshake.toByteArray());
    return record.toByteArray();
  }

  private static void u16(ByteArrayOutputStream o, int v) {
    o.write((v >>> 8) & 0xff);
    o.write(v & 0xff);
  }

  private static void u24(ByteArrayOutputStream o, int v) {
    o.write((v >>> 16) & 0xff);
    u16(o, v & 0xffff);
  }
}
