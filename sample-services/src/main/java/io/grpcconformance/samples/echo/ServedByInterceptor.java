package io.grpcconformance.samples.echo;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds the {@code x-served-*} and {@code x-request-echo-bin} headers (see {@link ServedBy}) to the
 * initial metadata of every response, unary and streaming, successful or not.
 */
public final class ServedByInterceptor implements ServerInterceptor {

  private static final Logger LOG = Logger.getLogger(ServedByInterceptor.class.getName());

  private final ServerIdentity identity;

  /** An interceptor reporting {@code identity}. */
  public ServedByInterceptor(ServerIdentity identity) {
    this.identity = identity;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    String authority = call.getAuthority();
    Metadata extra = new Metadata();
    extra.put(ServedBy.SERVED_BY, printable(identity.name()));
    extra.put(ServedBy.SERVED_POD, printable(identity.pod()));
    extra.put(ServedBy.SERVED_NAMESPACE, printable(identity.namespace()));
    extra.put(ServedBy.SERVED_METHOD, printable("/" + method));
    extra.put(ServedBy.REQUEST_AUTHORITY, printable(authority == null ? "" : authority));
    extra.put(
        ServedBy.REQUEST_ECHO,
        RequestEchoes.build(identity, method, authority, headers).toByteArray());
    return next.startCall(new HeaderAddingCall<>(call, extra), headers);
  }

  /** ASCII metadata values must be printable ASCII; anything else becomes '?'. */
  static String printable(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  /** Merges the extra headers into the call's initial metadata, sending it on close if needed. */
  private static final class HeaderAddingCall<ReqT, RespT>
      extends SimpleForwardingServerCall<ReqT, RespT> {
    private final Metadata extra;
    // ServerCall methods are never called concurrently (grpc-java's ServerCall contract), so a
    // plain field suffices.
    private boolean headersSent;

    HeaderAddingCall(ServerCall<ReqT, RespT> delegate, Metadata extra) {
      super(delegate);
      this.extra = extra;
    }

    @Override
    public void sendHeaders(Metadata headers) {
      headers.merge(extra);
      headersSent = true;
      super.sendHeaders(headers);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      // An error before any message (auth failure, UNIMPLEMENTED, INVALID_ARGUMENT) would otherwise
      // be a trailers-only response: send the headers first so clients see them as initial
      // metadata.
      if (!headersSent) {
        try {
          sendHeaders(new Metadata());
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "could not send headers before close (call already gone)", e);
        }
      }
      super.close(status, trailers);
    }
  }
}
