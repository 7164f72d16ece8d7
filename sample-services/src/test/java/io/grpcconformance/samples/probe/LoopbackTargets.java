package io.grpcconformance.samples.probe;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real loopback targets for probe tests, all on 127.0.0.1 with ephemeral ports: a gRPC health
 * server that records each caller's address, a closed port, a listener whose accept queue is full
 * (the kernel drops further SYNs: a connect times out, like a NetworkPolicy drop), and raw TCP
 * listeners that do not speak gRPC. Everything is closed by {@link #close()}.
 */
final class LoopbackTargets implements AutoCloseable {

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Set<SocketAddress> healthCallers = ConcurrentHashMap.newKeySet();

  /** A gRPC server with the health service in {@code status}; returns its port. */
  int healthServer(ServingStatus status) throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", status);
    ServerInterceptor recordCaller =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            healthCallers.add(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            return next.startCall(call, headers);
          }
        };
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, 0))
            .addService(ServerInterceptors.intercept(health.getHealthService(), recordCaller))
            .build()
            .start();
    resources.add(
        () -> {
          server.shutdownNow();
          server.awaitTermination(5, TimeUnit.SECONDS);
        });
    return server.getPort();
  }

  /** The distinct client addresses (ip:port) that called the health service. */
  Set<SocketAddress> healthCallers() {
    return Set.copyOf(healthCallers);
  }

  /** A port nothing listens on (bound, then released). */
  int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  /**
   * A listener with backlog 1 that never accepts, its queue filled: Linux drops the SYNs of any
   * further connect, so it times out (tcp_conn_request drops when the accept queue is full).
   */
  int fullAcceptQueue() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
    resources.add(server);
    for (int i = 0; i < 3; i++) {
      Socket filler = new Socket();
      resources.add(filler);
      try {
        filler.connect(new InetSocketAddress(LOOPBACK, server.getLocalPort()), 200);
      } catch (IOException e) {
        // Expected once the queue is full: this filler's SYN was dropped.
      }
    }
    return server.getLocalPort();
  }

  /**
   * A TCP listener that accepts and then either closes at once ({@code closeAtOnce}) or keeps the
   * connection open and silent: TCP succeeds but no gRPC server answers.
   */
  int rawTcp(boolean closeAtOnce) throws IOException {
    ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
    resources.add(server);
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  if (closeAtOnce) {
                    socket.close();
                  } else {
                    synchronized (resources) {
                      resources.add(socket);
                    }
                  }
                } catch (IOException e) {
                  return; // the listener was closed
                }
              }
            },
            "raw-tcp-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    return server.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    List<AutoCloseable> all;
    synchronized (resources) {
      all = new ArrayList<>(resources);
    }
    for (AutoCloseable resource : all) {
      resource.close();
    }
  }
}
