package io.grpcconformance.samples;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpcconformance.samples.echo.ServedByInterceptor;
import io.grpcconformance.samples.echo.ServerIdentity;
import io.grpcconformance.samples.greeter.GreeterService;
import io.grpcconformance.samples.tls.TlsSupport;
import io.grpcconformance.samples.user.Accounts;
import io.grpcconformance.samples.user.AuthInterceptor;
import io.grpcconformance.samples.user.UserService;
import io.grpcconformance.samples.user.UsersFile;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires one sample service, health, optional reflection, TLS and the interceptors into a server.
 */
final class ServerAssembly {

  /** Proxies such as the gateway may ping idle connections; tolerate it (grpc default: 5 min). */
  private static final long PERMIT_KEEPALIVE_SECONDS = 10;

  private ServerAssembly() {}

  /** A server for {@code config} (not started). Loads and validates the users file. */
  static Server build(
      SampleServerConfig config,
      ServerIdentity identity,
      HealthStatusManager health,
      ScheduledExecutorService scheduler) {
    InetSocketAddress address = new InetSocketAddress(config.bind(), config.port());
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("bind: cannot resolve address '" + config.bind() + "'");
    }
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(address)
            .permitKeepAliveTime(PERMIT_KEEPALIVE_SECONDS, TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true)
            .addService(health.getHealthService())
            .addService(service(config, scheduler))
            // Unknown methods answer UNIMPLEMENTED through the interceptors below.
            .fallbackHandlerRegistry(new UnimplementedRegistry())
            // Global interceptors wrap every service, including health, reflection and the
            // fallback.
            .intercept(new ServedByInterceptor(identity));
    if (config.reflection()) {
      builder.addService(ProtoReflectionServiceV1.newInstance());
      builder.addService(reflectionV1alpha());
    }
    if (config.tlsEnabled()) {
      builder.sslContext(TlsSupport.serverContext(config.tlsCert(), config.tlsKey()));
    }
    health.setStatus(config.kind().serviceName(), ServingStatus.SERVING);
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    return builder.build();
  }

  private static ServerServiceDefinition service(
      SampleServerConfig config, ScheduledExecutorService scheduler) {
    return switch (config.kind()) {
      case GREETER -> new GreeterService(scheduler).bindService();
      case USER -> {
        Accounts accounts =
            config.usersFile() == null ? Accounts.demo() : UsersFile.load(config.usersFile());
        // Auth wraps the User service only: health and reflection stay open to probes.
        yield ServerInterceptors.intercept(
            new UserService(accounts), new AuthInterceptor(accounts));
      }
    };
  }

  /** grpc.reflection.v1alpha for older clients (grpcurl before 1.8.8, some IDEs). */
  @SuppressWarnings("deprecation") // The v1alpha service is deprecated upstream but still in use.
  private static BindableService reflectionV1alpha() {
    return ProtoReflectionService.newInstance();
  }
}
