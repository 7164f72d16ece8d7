package io.grpcconformance.harness.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpcconformance.samples.proto.echo.RequestEcho;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Makes real gRPC calls over grpc-java Netty channels and reports what came back: status, headers,
 * trailers, the serving backend, the request the backend saw, and TLS facts. Every {@link #call}
 * opens a fresh connection, so each probe sees the current configuration (and a new TLS handshake);
 * {@link #callRepeatedly} shares one connection for sampling.
 */
public final class GrpcProbe {

  private static final Logger LOG = Logger.getLogger(GrpcProbe.class.getName());
  static final Metadata.Key<byte[]> ECHO_KEY =
      Metadata.Key.of("x-request-echo-bin", Metadata.BINARY_BYTE_MARSHALLER);

  private final MethodCatalog catalog;

  /** A probe that encodes and decodes with {@code catalog}. */
  public GrpcProbe(MethodCatalog catalog) {
    this.catalog = catalog;
  }

  /** A probe for the sample services. */
  public static GrpcProbe forSamples() {
    return new GrpcProbe(MethodCatalog.samples());
  }

  /** The catalog this probe encodes with. */
  public MethodCatalog catalog() {
    return catalog;
  }

  /** One unary call on a fresh connection. */
  public ProbeResult call(ProbeRequest request) {
    byte[] body = catalog.encodeRequest(request.method(), request.requestJson());
    try (Channels.OpenChannel ch = Channels.open(request.dial())) {
      return unary(ch, request, body);
    }
  }

  /** {@code times} unary calls, one after another, on one connection. */
  public List<ProbeResult> callRepeatedly(ProbeRequest request, int times) {
    byte[] body = catalog.encodeRequest(request.method(), request.requestJson());
    List<ProbeResult> out = new ArrayList<>(times);
    try (Channels.OpenChannel ch = Channels.open(request.dial())) {
      for (int i = 0; i < times; i++) {
        out.add(unary(ch, request, body));
      }
    }
    return out;
  }

  private ProbeResult unary(Channels.OpenChannel ch, ProbeRequest request, byte[] body) {
    long start = System.nanoTime();
    CallRecorder recorder = new CallRecorder(() -> {});
    ClientCall<byte[], byte[]> call =
        ch.channel()
            .newCall(
                ByteMarshaller.method(request.path(), MethodType.UNARY),
                CallOptions.DEFAULT.withDeadlineAfter(
                    request.deadline().toNanos(), TimeUnit.NANOSECONDS));
    recorder.attach(call);
    call.start(recorder, MetadataMaps.fromMap(request.metadata()));
    call.request(
        Integer.MAX_VALUE); // server-streaming methods called as probes deliver every reply
    call.sendMessage(body);
    call.halfClose();
    ProbeResult result = finish(request.method(), recorder, ch, request.deadline(), start, call);
    LOG.fine(() -> request.dial() + " " + request.path() + " → " + result.summary());
    return result;
  }

  /** Waits for the close of a recorded call and assembles the result. */
  ProbeResult finish(
      String method,
      CallRecorder recorder,
      Channels.OpenChannel ch,
      Duration deadline,
      long startNanos,
      ClientCall<byte[], byte[]> call) {
    CallRecorder.Closed closed;
    try {
      // The call's own deadline fires first; the margin only guards against a stuck transport.
      closed = recorder.closed().get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel("probe gave up waiting", null);
      closed =
          new CallRecorder.Closed(
              Status.DEADLINE_EXCEEDED.withDescription(
                  "probe gave up waiting for the call to close"),
              new Metadata());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + method, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return assemble(method, recorder, closed, ch, startNanos);
  }

  ProbeResult assemble(
      String method,
      CallRecorder recorder,
      CallRecorder.Closed closed,
      Channels.OpenChannel ch,
      long startNanos) {
    Metadata headers = recorder.headers();
    Optional<RequestEcho> echo = decodeEcho(headers).or(() -> decodeEcho(closed.trailers()));
    List<String> responses =
        recorder.messages().stream().map(b -> catalog.decodeResponse(method, b)).toList();
    Optional<TlsFacts> tls = recorder.session().map(s -> TlsFacts.of(s, ch.alpn().orElse("")));
    return new ProbeResult(
        closed.status().getCode(),
        describe(closed.status()),
        MetadataMaps.toMap(headers),
        MetadataMaps.toMap(closed.trailers()),
        echo,
        responses,
        tls,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private static String describe(Status status) {
    String d = status.getDescription() == null ? "" : status.getDescription();
    Throwable cause = status.getCause();
    return cause == null
        ? d
        : (d.isEmpty() ? "" : d + ": ")
            + cause.getClass().getSimpleName()
            + ": "
            + cause.getMessage();
  }

  private static Optional<RequestEcho> decodeEcho(Metadata md) {
    byte[] raw = md.get(ECHO_KEY);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(RequestEcho.parseFrom(raw));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      LOG.warning(
          "x-request-echo-bin does not parse as grpcconformance.echo.RequestEcho: "
              + e.getMessage());
      return Optional.empty();
    }
  }
}
