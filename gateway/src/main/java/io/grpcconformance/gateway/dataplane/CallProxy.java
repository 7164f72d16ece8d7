package io.grpcconformance.gateway.dataplane;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpcconformance.gateway.routing.HeaderModifier;
import io.grpcconformance.gateway.routing.RouteAction;

/**
 * Relays one call between the client-facing {@link ServerCall} and a backend {@link ClientCall}:
 * headers, messages, half-close, cancellation both ways, status and trailers (grpc-java's
 * {@code GrpcProxy} RequestProxy/ResponseProxy pattern).
 *
 * <p>Flow control: each side asks the other for one message at a time, and only while the
 * receiving side {@code isReady()}; otherwise it waits for that side's {@code onReady}. A slow
 * reader therefore stops the proxy reading from the writer, HTTP/2 windows fill up, and the writer
 * sees {@code isReady() == false}: per call the proxy holds at most one message per direction plus
 * the transport windows.
 *
 * <p>Threading: {@link RequestProxy} callbacks run on the client connection's event loop and are
 * the only ones calling {@code clientCall} methods other than {@code request}; {@link
 * ResponseProxy} callbacks run on the backend connection's event loop and are the only ones
 * calling {@code serverCall} methods other than {@code request} ({@code request} is thread-safe).
 * Each "must request later" flag is guarded by its owner's monitor, so a ready signal from the
 * other thread is never lost between {@code isReady()} and setting the flag.
 *
 * <p>Message buffers ({@link Frame}): grpc-java drains and frees a message inside {@code
 * sendMessage}; a request sent while the backend call still waits for its connection is drained
 * when it connects, or freed when the call fails (grpc-java's no-op stream closes it). As a
 * safeguard against a stream that drops a message without closing it, the last request frame is
 * released when the backend call closes, and any request frame sent after that at once.
 */
final class CallProxy {
  private final ServerCall<Frame, Frame> serverCall;
  private final ClientCall<Frame, Frame> clientCall;
  private final HeaderModifier responseModifier;
  private final String routeHeader;
  private final boolean relayRequestCompression;
  private final String clientAcceptEncoding;
  private final RequestProxy requests = new RequestProxy();
  private final ResponseProxy responses = new ResponseProxy();

  private CallProxy(ServerCall<Frame, Frame> serverCall, ClientCall<Frame, Frame> clientCall,
      RouteAction action, String routeHeader, boolean relayRequestCompression,
      String clientAcceptEncoding) {
    this.serverCall = serverCall;
    this.clientCall = clientCall;
    this.responseModifier = action.responseHeaders();
    this.routeHeader = routeHeader;
    this.relayRequestCompression = relayRequestCompression;
    this.clientAcceptEncoding = clientAcceptEncoding;
  }

  /**
   * Opens the backend call on {@code channel} and starts relaying. Must run in the server call's
   * {@link Context}: the backend call inherits its deadline (sent as {@code grpc-timeout}) and is
   * cancelled when it is cancelled.
   *
   * @param routeHeader value of {@code x-gateway-route}, or null to add none
   */
  static ServerCall.Listener<Frame> start(ServerCall<Frame, Frame> serverCall, Metadata headers,
      Channel channel, RouteAction action, String routeHeader) {
    String requestEncoding = headers.get(PassThroughCompression.ENCODING_KEY);
    String clientAcceptEncoding = headers.get(PassThroughCompression.ACCEPT_ENCODING_KEY);
    ProxyHeaders.prepareRequest(headers, action.requestHeaders());

    // The backend sees the client's :authority, as ingress-nginx and Envoy preserve Host.
    CallOptions options = CallOptions.DEFAULT.withAuthority(serverCall.getAuthority());
    Deadline deadline = Context.current().getDeadline();
    if (deadline != null) {
      options = options.withDeadline(deadline);
    }
    boolean relayRequestCompression = PassThroughCompression.isRelayed(requestEncoding);
    if (relayRequestCompression) {
      options = options.withCompression(requestEncoding);
    }
    options = PassThroughCompression.forwardAcceptEncoding(options, clientAcceptEncoding);

    ClientCall<Frame, Frame> clientCall = channel.newCall(serverCall.getMethodDescriptor(), options);
    CallProxy proxy = new CallProxy(serverCall, clientCall, action, routeHeader,
        relayRequestCompression, clientAcceptEncoding);
    clientCall.start(proxy.responses, headers);
    serverCall.request(1);
    clientCall.request(1);
    return proxy.requests;
  }

  /** Response headers, or the trailers of a trailers-only response, as the client sees them. */
  private void decorate(Metadata headers) {
    ProxyHeaders.apply(headers, responseModifier);
    if (routeHeader != null) {
      headers.put(GatewayAnswers.ROUTE, routeHeader);
    }
  }

  /** Client → backend. */
  private final class RequestProxy extends ServerCall.Listener<Frame> {
    private boolean mustRequest; // guarded by this
    /** The last frame handed to the backend call; released by {@link ResponseProxy#onClose}. */
    private volatile Frame lastSent;

    @Override
    public void onMessage(Frame frame) {
      if (relayRequestCompression) {
        clientCall.setMessageCompression(frame.compressed);
      }
      lastSent = frame;
      try {
        clientCall.sendMessage(frame);
      } finally {
        // Volatile write of lastSent above, read of backendClosed here; onClose does the reverse,
        // so at least one of the two sees the other and releases the frame.
        if (responses.backendClosed) {
          frame.release();
        }
      }
      synchronized (this) {
        if (clientCall.isReady()) {
          serverCall.request(1);
        } else {
          mustRequest = true;
        }
      }
    }

    @Override
    public void onHalfClose() {
      clientCall.halfClose();
    }

    @Override
    public void onCancel() {
      clientCall.cancel("the client cancelled the call", null);
    }

    @Override
    public void onReady() {
      responses.serverReady();
    }

    /** The backend call can take more: resume reading from the client. */
    synchronized void clientReady() {
      if (mustRequest) {
        mustRequest = false;
        serverCall.request(1);
      }
    }
  }

  /** Backend → client. */
  private final class ResponseProxy extends ClientCall.Listener<Frame> {
    private boolean mustRequest; // guarded by this
    private volatile boolean backendClosed;
    private boolean headersSent;
    private boolean relayResponseCompression;
    private String decodeEncoding;

    @Override
    public void onHeaders(Metadata headers) {
      String encoding = headers.get(PassThroughCompression.ENCODING_KEY);
      if (PassThroughCompression.isRelayed(encoding)) {
        if (PassThroughCompression.accepts(clientAcceptEncoding, encoding)) {
          serverCall.setCompression(encoding);
          relayResponseCompression = true;
        } else {
          decodeEncoding = encoding;
        }
      }
      decorate(headers);
      serverCall.sendHeaders(headers);
      headersSent = true;
    }

    @Override
    public void onMessage(Frame frame) {
      if (relayResponseCompression) {
        serverCall.setMessageCompression(frame.compressed);
      } else if (decodeEncoding != null) {
        frame = PassThroughCompression.decode(frame, decodeEncoding);
      }
      try {
        serverCall.sendMessage(frame);
      } finally {
        frame.release(); // the server side drains synchronously: a no-op unless it failed
      }
      synchronized (this) {
        if (serverCall.isReady()) {
          clientCall.request(1);
        } else {
          mustRequest = true;
        }
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      backendClosed = true;
      Frame unsent = requests.lastSent;
      if (unsent != null) {
        unsent.release(); // no effect when it was sent
      }
      if (!headersSent) {
        decorate(trailers); // trailers-only response: these are the response headers
      }
      serverCall.close(status, trailers);
    }

    @Override
    public void onReady() {
      requests.clientReady();
    }

    /** The client can take more: resume reading from the backend. */
    synchronized void serverReady() {
      if (mustRequest) {
        mustRequest = false;
        clientCall.request(1);
      }
    }
  }
}
