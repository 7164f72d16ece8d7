package io.grpcconformance.harness.grpc;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Passes messages through as raw bytes, so a probe can call any method by name. */
final class ByteMarshaller implements MethodDescriptor.Marshaller<byte[]> {

  static final ByteMarshaller INSTANCE = new ByteMarshaller();

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

  /** A byte-level descriptor of {@code path} ({@code /pkg.Svc/Method}) of the given type. */
  static MethodDescriptor<byte[], byte[]> method(String path, MethodDescriptor.MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(type)
        .setFullMethodName(path.substring(1))
        .setRequestMarshaller(INSTANCE)
        .setResponseMarshaller(INSTANCE)
        .build();
  }
}
