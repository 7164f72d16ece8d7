package io.grpcconformance.samples.testing;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpcconformance.samples.echo.ServedBy;
import java.util.concurrent.atomic.AtomicReference;

/** Captures the response headers and trailers of the calls made through a stub. */
public final class HeaderCapture {

  private final AtomicReference<Metadata> headers = new AtomicReference<>();
  private final AtomicReference<Metadata> trailers = new AtomicReference<>();

  /** The client interceptor that records into this capture. */
  public ClientInterceptor interceptor() {
    return MetadataUtils.newCaptureMetadataInterceptor(headers, trailers);
  }

  /** {@code stub} recording into this capture. */
  public <S extends AbstractStub<S>> S on(S stub) {
    return stub.withInterceptors(interceptor());
  }

  /** {@code stub} sending {@code requestHeaders} and recording into this capture. */
  public <S extends AbstractStub<S>> S on(S stub, Metadata requestHeaders) {
    return stub.withInterceptors(
        interceptor(), MetadataUtils.newAttachHeadersInterceptor(requestHeaders));
  }

  /** The last response's initial metadata (null when none arrived). */
  public Metadata headers() {
    return headers.get();
  }

  /** The last response's trailers. */
  public Metadata trailers() {
    return trailers.get();
  }

  /** The decoded {@code x-served-*} headers of the last response. */
  public ServedBy servedBy() {
    Metadata h = headers.get();
    if (h == null) {
      throw new AssertionError("no response headers were received");
    }
    return ServedBy.fromHeaders(h).orElseThrow(() -> new AssertionError("no x-served-by in " + h));
  }
}
