package io.grpcconformance.samples;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Fallback registry answering every unknown method with UNIMPLEMENTED, exactly as grpc-java would,
 * but through the server's interceptors: the response then carries {@code x-served-by}, so a test
 * can tell a backend's UNIMPLEMENTED from a gateway's (Gateway API's EchoThree case cannot).
 */
final class UnimplementedRegistry extends HandlerRegistry {

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder(BYTES, BYTES)
            .setFullMethodName(methodName)
            .setType(MethodDescriptor.MethodType.UNKNOWN)
            .build();
    ServerCallHandler<byte[], byte[]> handler =
        (ServerCall<byte[], byte[]> call, Metadata headers) -> {
          // Same description as grpc-java's own answer for an unknown method.
          call.close(
              Status.UNIMPLEMENTED.withDescription("Method not found: " + methodName),
              new Metadata());
          return new ServerCall.Listener<>() {};
        };
    return ServerMethodDefinition.create(method, handler);
  }
}
