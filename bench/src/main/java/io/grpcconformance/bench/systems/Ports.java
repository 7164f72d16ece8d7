package io.grpcconformance.bench.systems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free loopback ports for the proxies' configurations, and waiting for a port to accept. */
public final class Ports {
  private static final int CONNECT_TIMEOUT_MILLIS = 200;
  private static final long RETRY_MILLIS = 100;

  private Ports() {}

  /** A port that was free on 127.0.0.1 a moment ago (the kernel's ephemeral choice). */
  public static int free() {
    try (ServerSocket socket =
        new ServerSocket(0, 1, InetAddress.getByName(SystemContext.LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** Waits until 127.0.0.1:{@code port} accepts a connection; false after {@code timeout}. */
  public static boolean awaitOpen(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(SystemContext.LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
        return true;
      } catch (IOException e) {
        Thread.sleep(RETRY_MILLIS);
      }
    }
    return false;
  }
}
