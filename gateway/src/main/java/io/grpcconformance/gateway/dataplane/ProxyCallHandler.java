package io.grpcconformance.gateway.dataplane;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpcconformance.gateway.routing.Endpoint;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.RouteAction;
import io.grpcconformance.gateway.routing.RouteSelector;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes one call of one method on one port: virtual host by {@code :authority}, route by
 * {@code :path} and headers, backend by weight, endpoint by round-robin; then proxies it or
 * answers itself ({@link GatewayAnswers}). One instance per (port, method), cached by {@link
 * RoutingHandlerRegistry}, so the {@code :path} string is built once.
 *
 * <p>Threading: {@link #startCall} runs on the client connection's event loop (the server uses
 * {@code directExecutor}) and never blocks: routing is pure, channels connect asynchronously and
 * HTTP/1.1 backends are served on a separate executor.
 */
final class ProxyCallHandler implements ServerCallHandler<Frame, Frame> {
  private static final Logger logger = Logger.getLogger(ProxyCallHandler.class.getName());

  private final ProxyContext context;
  private final int declaredPort;
  private final String path;

  ProxyCallHandler(ProxyContext context, int declaredPort, String path) {
    this.context = context;
    this.declaredPort = declaredPort;
    this.path = path;
  }

  @Override
  public ServerCall.Listener<Frame> startCall(ServerCall<Frame, Frame> call, Metadata headers) {
    // Read the table exactly once: the whole call is routed with one consistent configuration,
    // even if apply() swaps in a newer table while it runs.
    RoutingTable table = context.table().get();
    PortRoutes port = table.port(declaredPort);
    String authority = call.getAuthority();
    VirtualHost host = RouteSelector.selectVirtualHost(port.virtualHosts(), authority);
    if (host == null) {
      return GatewayAnswers.unmatched(call, "no host matches authority '" + authority
          + "' on port " + declaredPort + " (path " + path + ")");
    }
    Route route = RouteSelector.selectRoute(host, path, ProxyHeaders.lookup(headers));
    if (route == null) {
      return GatewayAnswers.unmatched(call, "no route matches path " + path + " and its headers"
          + " for authority '" + authority + "' on port " + declaredPort);
    }
    RouteAction action = route.action();
    if (action.direct().isPresent()) {
      return GatewayAnswers.direct(call, action.direct().get());
    }
    WeightedBackend backend = RouteSelector.pickBackend(action, context.random());
    if (backend == null) {
      return GatewayAnswers.unavailable(call, "every backend of " + route.origin()
          + " has weight 0");
    }
    if (!backend.isValid()) {
      return GatewayAnswers.unavailable(call, backend.invalidReason());
    }
    if (backend.endpoints().isEmpty()) {
      return GatewayAnswers.unavailable(call, "backend " + backend.name()
          + " has no ready endpoints (" + route.origin() + ")");
    }
    Endpoint endpoint = context.channels().pickEndpoint(backend, backend.protocol());
    if (logger.isLoggable(Level.FINE)) {
      logger.fine("port " + declaredPort + " " + authority + path + " -> " + route.origin()
          + " -> " + backend.name() + " " + endpoint);
    }
    if (backend.protocol() == BackendProtocol.HTTP1) {
      ProxyHeaders.prepareRequest(headers, action.requestHeaders());
      return context.http1().start(call, headers, path, endpoint);
    }
    String routeHeader = context.config().routeDebugHeader() ? route.origin().toString() : null;
    return CallProxy.start(call, headers,
        context.channels().channel(endpoint, backend.protocol()), action, routeHeader);
  }
}
