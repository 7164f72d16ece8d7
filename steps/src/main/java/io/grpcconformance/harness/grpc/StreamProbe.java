package io.grpcconformance.harness.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor.MethodType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * Streaming calls through real channels: server streams read at full speed or slowly, ping-pong
 * bidirectional streams, and client cancellation. Results use the same {@link ProbeResult} as unary
 * probes; {@link ProbeResult#responsesJson()} holds every message received.
 */
public final class StreamProbe implements AutoCloseable {

  private final GrpcProbe probe;
  // Schedules the slow consumer's deferred request(1) calls; a timer, not a sleep.
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "stream-probe-timer");
            t.setDaemon(true);
            return t;
          });

  public StreamProbe(GrpcProbe probe) {
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  /** A server-streaming call whose replies are read as fast as they come. */
  public ProbeResult serverStream(ProbeRequest request) {
    return serverStream(request, Duration.ZERO, Duration.ZERO);
  }

  /**
   * A server-streaming call read by a slow consumer: nothing is read for {@code stall}, then one
   * message is requested at a time, {@code pausePerMessage} after the previous one arrived. Flow
   * control must hold the rest back along the whole path.
   */
  public ProbeResult serverStream(ProbeRequest request, Duration stall, Duration pausePerMessage) {
    byte[] body = probe.catalog().encodeRequest(request.method(), request.requestJson());
    boolean fast = stall.isZero() && pausePerMessage.isZero();
    try (Channels.OpenChannel ch = Channels.open(request.dial())) {
      long start = System.nanoTime();
      AtomicReference<ClientCall<byte[], byte[]>> callRef = new AtomicReference<>();
      CallRecorder recorder =
          new CallRecorder(
              () -> {
                if (!fast) {
                  timer.schedule(
                      () -> callRef.get().request(1),
                      pausePerMessage.toNanos(),
                      TimeUnit.NANOSECONDS);
                }
              });
      ClientCall<byte[], byte[]> call = newCall(ch, request, MethodType.SERVER_STREAMING);
      callRef.set(call);
      recorder.attach(call);
      call.start(recorder, MetadataMaps.fromMap(request.metadata()));
      call.sendMessage(body);
      call.halfClose();
      if (fast) {
        call.request(Integer.MAX_VALUE);
      } else {
        timer.schedule(() -> call.request(1), stall.toNanos(), TimeUnit.NANOSECONDS);
      }
      return probe.finish(request.method(), recorder, ch, request.deadline(), start, call);
    }
  }

  /**
   * A server-streaming call the client cancels after {@code afterMessages} replies arrived (or
   * after {@code wait} if fewer come).
   */
  public ProbeResult cancelServerStream(ProbeRequest request, int afterMessages, Duration wait) {
    byte[] body = probe.catalog().encodeRequest(request.method(), request.requestJson());
    try (Channels.OpenChannel ch = Channels.open(request.dial())) {
      long start = System.nanoTime();
      CallRecorder recorder = new CallRecorder(() -> {});
      ClientCall<byte[], byte[]> call = newCall(ch, request, MethodType.SERVER_STREAMING);
      recorder.attach(call);
      call.start(recorder, MetadataMaps.fromMap(request.metadata()));
      call.sendMessage(body);
      call.halfClose();
      call.request(Integer.MAX_VALUE);
      awaitMessages(recorder, afterMessages, wait);
      call.cancel("cancelled by the conformance client", null);
      return probe.finish(request.method(), recorder, ch, request.deadline(), start, call);
    }
  }

  /**
   * A ping-pong bidirectional stream: sends one request, waits (up to {@code replyWait}) for its
   * reply before sending the next, then half-closes. Replies that arrive before half-close prove
   * the path streams in both directions rather than buffering the whole request stream.
   */
  public ProbeResult pingPong(ProbeRequest request, List<String> requestsJson, Duration replyWait) {
    try (Channels.OpenChannel ch = Channels.open(request.dial())) {
      long start = System.nanoTime();
      CallRecorder recorder = new CallRecorder(() -> {});
      ClientCall<byte[], byte[]> call = newCall(ch, request, MethodType.BIDI_STREAMING);
      recorder.attach(call);
      call.start(recorder, MetadataMaps.fromMap(request.metadata()));
      call.request(Integer.MAX_VALUE);
      int sent = 0;
      for (String json : requestsJson) {
        call.sendMessage(probe.catalog().encodeRequest(request.method(), json));
        sent++;
        if (!awaitMessages(recorder, sent, replyWait)) {
          break; // no reply before half-close: the result shows fewer replies than requests
        }
      }
      call.halfClose();
      return probe.finish(request.method(), recorder, ch, request.deadline(), start, call);
    }
  }

  private static ClientCall<byte[], byte[]> newCall(
      Channels.OpenChannel ch, ProbeRequest request, MethodType type) {
    return ch.channel()
        .newCall(
            ByteMarshaller.method(request.path(), type),
            CallOptions.DEFAULT.withDeadlineAfter(
                request.deadline().toNanos(), TimeUnit.NANOSECONDS));
  }

  /** Waits until {@code n} messages arrived or the call closed; false if neither in time. */
  private static boolean awaitMessages(CallRecorder recorder, int n, Duration wait) {
    try {
      Awaitility.await("reply " + n)
          .atMost(wait)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> recorder.messages().size() >= n || recorder.closed().isDone());
      return recorder.messages().size() >= n;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
