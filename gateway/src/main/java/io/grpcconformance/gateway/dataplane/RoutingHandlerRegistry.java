package io.grpcconformance.gateway.dataplane;

import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts every method on one port (installed as the server's fallback registry, so grpc-java
 * consults it for every call) with a byte-level {@link Frame} marshaller and streaming type
 * UNKNOWN, so unary and all streaming kinds relay alike.
 *
 * <p>Method definitions are cached by method name, so a steady workload allocates none per call
 * (performance.md §2c: the GrpcProxy example builds a new descriptor per call). The cache is
 * bounded: past {@link #MAX_CACHED_METHODS} names (a client inventing method names) definitions are
 * built per call instead of growing memory.
 */
final class RoutingHandlerRegistry extends HandlerRegistry {
  static final int MAX_CACHED_METHODS = 10_000;

  private final ProxyContext context;
  private final int declaredPort;
  private final ConcurrentHashMap<String, ServerMethodDefinition<Frame, Frame>> methods =
      new ConcurrentHashMap<>();

  RoutingHandlerRegistry(ProxyContext context, int declaredPort) {
    this.context = context;
    this.declaredPort = declaredPort;
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    ServerMethodDefinition<Frame, Frame> method = methods.get(methodName);
    if (method != null) {
      return method;
    }
    method = define(methodName);
    if (methods.size() < MAX_CACHED_METHODS) {
      methods.putIfAbsent(methodName, method);
    }
    return method;
  }

  private ServerMethodDefinition<Frame, Frame> define(String methodName) {
    MethodDescriptor<Frame, Frame> descriptor = MethodDescriptor
        .newBuilder(FrameMarshaller.INSTANCE, FrameMarshaller.INSTANCE)
        .setFullMethodName(methodName)
        .setType(MethodDescriptor.MethodType.UNKNOWN)
        .build();
    return ServerMethodDefinition.create(descriptor,
        new ProxyCallHandler(context, declaredPort, "/" + methodName));
  }
}
