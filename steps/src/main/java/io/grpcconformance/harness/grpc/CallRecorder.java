package io.grpcconformance.harness.grpc;

import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSession;

/**
 * Records everything a client call receives: headers, messages, status and trailers, and the TLS
 * session of its transport. Callbacks arrive on the channel's executor; readers wait on {@link
 * #closed()} before looking at the results.
 */
final class CallRecorder extends ClientCall.Listener<byte[]> {

  private final AtomicReference<ClientCall<byte[], byte[]>> call = new AtomicReference<>();
  private final AtomicReference<Metadata> headers = new AtomicReference<>();
  private final AtomicReference<SSLSession> session = new AtomicReference<>();
  private final List<byte[]> messages = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final Runnable onMessage;

  /** The final status and trailers. */
  record Closed(Status status, Metadata trailers) {}

  /**
   * @param onMessage runs after each message is recorded (e.g. to request the next one)
   */
  CallRecorder(Runnable onMessage) {
    this.onMessage = onMessage;
  }

  void attach(ClientCall<byte[], byte[]> c) {
    call.set(c);
  }

  @Override
  public void onHeaders(Metadata h) {
    headers.set(h);
    captureSession();
  }

  @Override
  public void onMessage(byte[] message) {
    messages.add(message);
    onMessage.run();
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    captureSession();
    closed.complete(new Closed(status, trailers));
  }

  private void captureSession() {
    ClientCall<byte[], byte[]> c = call.get();
    if (c != null && session.get() == null) {
      SSLSession s = c.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      if (s != null) {
        session.set(s);
      }
    }
  }

  CompletableFuture<Closed> closed() {
    return closed;
  }

  Metadata headers() {
    Metadata h = headers.get();
    return h == null ? new Metadata() : h;
  }

  List<byte[]> messages() {
    return List.copyOf(messages);
  }

  Optional<SSLSession> session() {
    return Optional.ofNullable(session.get());
  }
}
