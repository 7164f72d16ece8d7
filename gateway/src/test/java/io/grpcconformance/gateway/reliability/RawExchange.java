package io.grpcconformance.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends bytes on a fresh loopback TCP connection and collects whatever comes back until the peer
 * closes or {@code timeout} passes; for traffic that is not HTTP/2 at all (HTTP/1.1, h2c upgrade).
 *
 * @param received every byte read
 * @param closedByPeer whether the peer closed (EOF or reset) before the timeout
 */
record RawExchange(byte[] received, boolean closedByPeer) {

  /** Connecting may take longer than the answer wait on a loaded machine. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  static RawExchange send(int port, byte[] request, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) CONNECT_TIMEOUT.toMillis());
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        return new RawExchange(new byte[0], true); // closed by the peer while we wrote
      }
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      long deadline = System.nanoTime() + timeout.toNanos();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new RawExchange(received.toByteArray(), false);
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        try {
          int n = in.read(buffer);
          if (n < 0) {
            return new RawExchange(received.toByteArray(), true);
          }
          received.write(buffer, 0, n);
        } catch (SocketTimeoutException e) {
          return new RawExchange(received.toByteArray(), false);
        } catch (IOException e) {
          return new RawExchange(received.toByteArray(), true); // connection reset
        }
      }
    }
  }

  /** The received bytes as ISO-8859-1 text (HTTP/1.1 responses are ASCII). */
  String text() {
    return new String(received, StandardCharsets.ISO_8859_1);
  }

  /** Whether the reply starts with an HTTP/2 GOAWAY frame (type 7) on stream 0. */
  boolean startsWithGoAway() {
    return firstFrameOfType(H2Frame.GOAWAY) >= 0;
  }

  /** The error code of the first GOAWAY frame in the reply, or -1. */
  long goAwayError() {
    int at = firstFrameOfType(H2Frame.GOAWAY);
    return at < 0 || at + 17 > received.length ? -1 : H2Frame.readInt(received, at + 13);
  }

  private int firstFrameOfType(int type) {
    int at = 0;
    while (at + 9 <= received.length) {
      int length =
          ((received[at] & 0xFF) << 16)
              | ((received[at + 1] & 0xFF) << 8)
              | (received[at + 2] & 0xFF);
      if ((received[at + 3] & 0xFF) == type) {
        return at;
      }
      at += 9 + length;
    }
    return -1;
  }
}
