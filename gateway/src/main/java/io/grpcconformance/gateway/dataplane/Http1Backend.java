package io.grpcconformance.gateway.dataplane;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpcconformance.gateway.routing.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speaks HTTP/1.1 to a backend, as ingress-nginx does for an Ingress without a gRPC
 * {@code backend-protocol}: it buffers the request body (nginx {@code proxy_request_buffering on}),
 * sends {@code POST <path> HTTP/1.1} with {@code content-type: application/grpc} and the request
 * headers, and maps what comes back the way a gRPC client sees nginx's answer
 * (ingress-netpol.md "Backend-protocol missing"):
 *
 * <ul>
 *   <li>bytes that are not an HTTP/1.x status line (a gRPC server's HTTP/2 SETTINGS/GOAWAY):
 *       nginx passes them on as HTTP/0.9 and the client reports {@code UNKNOWN: HTTP status code
 *       0, invalid content-type: null}; this gateway closes with the same code and text;
 *   <li>connection refused, or closed before any byte: nginx 502, i.e. {@code UNAVAILABLE};
 *       no answer within {@link DataPlaneConfig#http1Timeout()}: nginx 504, {@code UNAVAILABLE};
 *   <li>an HTTP/1.x status: gRPC's HTTP-to-gRPC mapping (404 UNIMPLEMENTED, 400 INTERNAL, 401
 *       UNAUTHENTICATED, 403 PERMISSION_DENIED, 429/502/503/504 UNAVAILABLE, else UNKNOWN).
 * </ul>
 *
 * <p>Unlike nginx the answer is a gRPC status, with {@code x-gateway-answer: http1-upstream}.
 * The socket work runs on {@code blockingExecutor}, never on an event loop.
 */
final class Http1Backend {
  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
  private static final Set<String> NOT_SENT = Set.of("content-type", "te", "user-agent",
      "content-length");

  private final Executor blockingExecutor;
  private final DataPlaneConfig config;

  Http1Backend(Executor blockingExecutor, DataPlaneConfig config) {
    this.blockingExecutor = blockingExecutor;
    this.config = config;
  }

  /** Collects the request and answers it once the client half-closes. */
  ServerCall.Listener<Frame> start(ServerCall<Frame, Frame> call, Metadata headers, String path,
      Endpoint endpoint) {
    call.request(1);
    return new ServerCall.Listener<>() {
      private final ByteArrayOutputStream body = new ByteArrayOutputStream();
      private volatile boolean cancelled;
      private boolean answered;

      @Override
      public void onMessage(Frame frame) {
        if (answered) {
          frame.release();
          return;
        }
        if (body.size() + frame.length() > config.maxMessageBytes()) {
          frame.release();
          // nginx answers an oversized body with 413, which a gRPC client reports as UNKNOWN.
          answered = true;
          GatewayAnswers.close(call, Status.UNKNOWN.withDescription(
              "HTTP status code 413 (request body larger than " + config.maxMessageBytes()
              + " bytes)"), "http1-upstream", new Metadata());
          return;
        }
        body.write(frame.compressed ? 1 : 0);
        int length = frame.length();
        body.write(length >>> 24);
        body.write(length >>> 16);
        body.write(length >>> 8);
        body.write(length);
        body.writeBytes(frame.bytes()); // copies a detached buffer and releases it
        call.request(1);
      }

      @Override
      public void onHalfClose() {
        if (answered) {
          return;
        }
        answered = true;
        byte[] request = requestBytes(call.getAuthority(), path, headers, body.toByteArray());
        blockingExecutor.execute(() -> {
          Status status = exchange(endpoint, request);
          if (!cancelled) {
            GatewayAnswers.close(call, status, "http1-upstream", new Metadata());
          }
        });
      }

      @Override
      public void onCancel() {
        cancelled = true;
      }
    };
  }

  private Status exchange(Endpoint endpoint, byte[] request) {
    int timeoutMillis = (int) config.http1Timeout().toMillis();
    String upstream = "HTTP/1.1 upstream " + endpoint;
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(endpoint.address(), endpoint.port()), timeoutMillis);
      } catch (IOException e) {
        return Status.UNAVAILABLE.withDescription(
            "HTTP status code 502 (connect() to " + upstream + " failed: " + e.getMessage() + ")");
      }
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      byte[] head = readHead(socket.getInputStream());
      if (head.length == 0) {
        return Status.UNAVAILABLE.withDescription(
            "HTTP status code 502 (" + upstream + " closed the connection without answering)");
      }
      Matcher statusLine = STATUS_LINE.matcher(new String(head, StandardCharsets.ISO_8859_1));
      if (!statusLine.find()) {
        return Status.UNKNOWN.withDescription("HTTP status code 0, invalid content-type: null ("
            + upstream + " sent no valid HTTP/1.0 header)");
      }
      int httpStatus = Integer.parseInt(statusLine.group(1));
      return grpcStatusFor(httpStatus).withDescription(
          "HTTP status code " + httpStatus + " (from " + upstream + ")");
    } catch (SocketTimeoutException e) {
      return Status.UNAVAILABLE.withDescription(
          "HTTP status code 504 (" + upstream + " did not answer in " + config.http1Timeout() + ")");
    } catch (IOException e) {
      return Status.UNAVAILABLE.withDescription(
          "HTTP status code 502 (" + upstream + " failed: " + e.getMessage() + ")");
    }
  }

  /** Up to the end of the response head (or 8 KiB, or end of stream). */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    int read;
    while (head.size() < 8192 && (read = in.read(buffer)) >= 0) {
      head.write(buffer, 0, read);
      if (new String(head.toByteArray(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
        break;
      }
    }
    return head.toByteArray();
  }

  /** gRPC's HTTP status mapping (grpc/grpc doc/http-grpc-status-mapping.md). */
  static Status grpcStatusFor(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> Status.INTERNAL;
      case 401 -> Status.UNAUTHENTICATED;
      case 403 -> Status.PERMISSION_DENIED;
      case 404 -> Status.UNIMPLEMENTED;
      case 429, 502, 503, 504 -> Status.UNAVAILABLE;
      default -> Status.UNKNOWN;
    };
  }

  private static byte[] requestBytes(String authority, String path, Metadata headers,
      byte[] body) {
    StringBuilder head = new StringBuilder(256)
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(authority == null ? "" : authority).append("\r\n")
        .append("Content-Type: application/grpc\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n")
        .append("Connection: close\r\n");
    for (String name : headers.keys()) {
      if (NOT_SENT.contains(name)) {
        continue;
      }
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        for (byte[] value : headers.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))) {
          head.append(name).append(": ")
              .append(Base64.getEncoder().withoutPadding().encodeToString(value)).append("\r\n");
        }
      } else {
        for (String value : headers.getAll(ProxyHeaders.ascii(name))) {
          head.append(name).append(": ").append(value).append("\r\n");
        }
      }
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }
}
