package io.grpcconformance.bench.backend;

import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The echo backend's handlers, looked up by a fallback registry so that any method name (for
 * example whatever path h2load is given) is a unary echo. Handlers never block: they run on the
 * single event loop (directExecutor), and each call's callbacks arrive serially on it.
 */
final class EchoHandlers extends HandlerRegistry {
  private final BackendCounters counters;
  private final ServerMethodDefinition<byte[], byte[]> stream;
  private final ServerMethodDefinition<byte[], byte[]> stats;
  private final ConcurrentHashMap<String, ServerMethodDefinition<byte[], byte[]>> unary =
      new ConcurrentHashMap<>();

  EchoHandlers(BackendCounters counters) {
    this.counters = counters;
    this.stream = ServerMethodDefinition.create(EchoMethods.STREAM_METHOD, this::startStream);
    this.stats = ServerMethodDefinition.create(EchoMethods.STATS_METHOD, this::startStats);
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    if (EchoMethods.STREAM.equals(methodName)) {
      return stream;
    }
    if (EchoMethods.STATS.equals(methodName)) {
      return stats;
    }
    // Cached per name: building descriptors per call would cost more than the echo itself.
    return unary.computeIfAbsent(methodName, name -> ServerMethodDefinition.create(
        EchoMethods.method(name, io.grpc.MethodDescriptor.MethodType.UNARY), this::startUnary));
  }

  private ServerCall.Listener<byte[]> startUnary(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {
      private byte[] request;

      @Override
      public void onMessage(byte[] message) {
        request = message;
      }

      @Override
      public void onHalfClose() {
        if (request == null) {
          call.close(Status.INTERNAL.withDescription("unary call without a request"),
              new Metadata());
          return;
        }
        call.sendHeaders(new Metadata());
        call.sendMessage(request);
        call.close(Status.OK, new Metadata());
        counters.ok();
      }

      @Override
      public void onCancel() {
        counters.cancelled();
      }
    };
  }

  private ServerCall.Listener<byte[]> startStream(ServerCall<byte[], byte[]> call,
      Metadata headers) {
    call.request(1);
    return new StreamingEcho(call);
  }

  private ServerCall.Listener<byte[]> startStats(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      public void onHalfClose() {
        call.sendHeaders(new Metadata());
        call.sendMessage(counters.snapshot().encode());
        call.close(Status.OK, new Metadata());
      }
    };
  }

  /** Sends {@code count} messages while the transport is ready, resuming from onReady. */
  private final class StreamingEcho extends ServerCall.Listener<byte[]> {
    private final ServerCall<byte[], byte[]> call;
    private byte[] message;
    private int remaining;
    private boolean started;
    private boolean finished;

    StreamingEcho(ServerCall<byte[], byte[]> call) {
      this.call = call;
    }

    @Override
    public void onMessage(byte[] request) {
      ByteBuffer buffer = ByteBuffer.wrap(request);
      if (request.length != 8) {
        return; // onHalfClose answers INVALID_ARGUMENT
      }
      remaining = buffer.getInt();
      message = EchoMethods.payload(buffer.getInt());
    }

    @Override
    public void onHalfClose() {
      if (message == null) {
        finished = true;
        call.close(Status.INVALID_ARGUMENT.withDescription("Stream wants 8 bytes: count, size"),
            new Metadata());
        return;
      }
      started = true;
      call.sendHeaders(new Metadata());
      pump();
    }

    @Override
    public void onReady() {
      if (started) {
        pump();
      }
    }

    @Override
    public void onCancel() {
      finished = true;
      counters.cancelled();
    }

    private void pump() {
      int sent = 0;
      // Flow control: write only while the transport (HTTP/2 window) is ready; onReady resumes.
      while (!finished && remaining > 0 && call.isReady()) {
        call.sendMessage(message);
        remaining--;
        sent++;
      }
      counters.messagesSent(sent);
      if (!finished && remaining == 0) {
        finished = true;
        call.close(Status.OK, new Metadata());
        counters.ok();
      }
    }
  }
}
