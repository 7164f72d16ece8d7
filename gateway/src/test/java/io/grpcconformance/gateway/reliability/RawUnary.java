package io.grpcconformance.gateway.reliability;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Unary calls to any method by name with raw message bytes, so tests can call methods no stub knows
 * (e.g. {@code corpus.Svc/M1}) and send metadata exactly as written. Real grpc-java calls.
 */
final class RawUnary {
  private RawUnary() {}

  /** Passes message bytes through unchanged. */
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
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

  /** The descriptor of unary method {@code fullName} ({@code package.Service/Method}). */
  static MethodDescriptor<byte[], byte[]> method(String fullName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullName)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  /**
   * Calls {@code fullName} with {@code request} bytes and {@code headers}; {@code authority}
   * (nullable) overrides {@code :authority}. Waits at most {@code deadline}.
   */
  static CallOutcome call(
      Channel channel,
      String authority,
      String fullName,
      Metadata headers,
      byte[] request,
      Duration deadline) {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    if (authority != null) {
      options = options.withAuthority(authority);
    }
    ClientCall<byte[], byte[]> call = channel.newCall(method(fullName), options);
    CompletableFuture<CallOutcome> done = new CompletableFuture<>();
    Metadata[] responseHeaders = {new Metadata()};
    byte[][] body = {null};
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onHeaders(Metadata h) {
            responseHeaders[0] = h;
          }

          @Override
          public void onMessage(byte[] message) {
            body[0] = message;
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            done.complete(
                new CallOutcome(
                    status.getCode(),
                    status.getDescription() == null ? "" : status.getDescription(),
                    responseHeaders[0],
                    trailers,
                    body[0]));
          }
        },
        headers);
    call.request(2);
    call.sendMessage(request);
    call.halfClose();
    try {
      // The call's own deadline ends it; the extra second only guards against a lost onClose.
      return done.get(deadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel("interrupted", e);
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      call.cancel("no outcome", e);
      throw new IllegalStateException("call " + fullName + " produced no outcome", e);
    }
  }

  /** {@link #call} with no metadata and an empty message. */
  static CallOutcome call(Channel channel, String authority, String fullName, Duration deadline) {
    return call(channel, authority, fullName, new Metadata(), new byte[0], deadline);
  }
}
