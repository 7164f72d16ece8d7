package io.grpcconformance.gateway.testkit;

import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.SocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2DataFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;

/**
 * A gRPC client that is <em>not</em> grpc-java: it speaks HTTP/2 frames itself over TLS (Netty's
 * HTTP/2 codec, as bundled in grpc-netty-shaded), so gateway tests do not depend on grpc-java's
 * client behaviour. One connection per call: SNI and {@code :authority} are the given host, the
 * server certificate must chain to {@code trusted} and match the host, ALPN must select h2.
 */
public final class RawGrpcTlsClient implements AutoCloseable {
  private final SslContext ssl;
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  /** What came back: response headers, trailers (empty for none) and the gRPC messages. */
  public record Response(Map<String, String> headers, Map<String, String> trailers,
      List<byte[]> messages) {

    /** grpc-status from the trailers, or from the headers of a trailers-only response. */
    public int grpcStatus() {
      String status = trailers.getOrDefault("grpc-status", headers.get("grpc-status"));
      return status == null ? -1 : Integer.parseInt(status);
    }

    public String header(String name) {
      return headers.get(name);
    }
  }

  public RawGrpcTlsClient(X509Certificate trusted) {
    try {
      ssl = SslContextBuilder.forClient()
          .sslProvider(SslProvider.JDK)
          .trustManager(trusted)
          .protocols("TLSv1.3", "TLSv1.2")
          .applicationProtocolConfig(new ApplicationProtocolConfig(
              ApplicationProtocolConfig.Protocol.ALPN,
              ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
              ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
              ApplicationProtocolNames.HTTP_2))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends one unary (or client-streaming with one message) call and waits for its end.
   *
   * @param port the gateway's bound TLS port on 127.0.0.1
   * @param host SNI and {@code :authority}
   * @param path {@code /package.Service/Method}
   * @param metadata extra request headers
   * @param message the serialized request message
   */
  public Response call(int port, String host, String path, Map<String, String> metadata,
      byte[] message, Duration timeout) throws Exception {
    CompletableFuture<Response> response = new CompletableFuture<>();
    SslHandler[] tls = new SslHandler[1];
    Channel connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel channel) {
            tls[0] = ssl.newHandler(channel.alloc(), host, port);
            SSLParameters parameters = tls[0].engine().getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // verify the host name
            tls[0].engine().setSSLParameters(parameters);
            channel.pipeline().addLast(tls[0], Http2FrameCodecBuilder.forClient().build(),
                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
          }
        })
        .connect("127.0.0.1", port).sync().channel();
    try {
      tls[0].handshakeFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ApplicationProtocolNames.HTTP_2.equals(tls[0].applicationProtocol())) {
        throw new IllegalStateException("ALPN did not select h2: " + tls[0].applicationProtocol());
      }
      Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
          .handler(new ResponseCollector(response)).open().sync().getNow();
      Http2Headers headers = new DefaultHttp2Headers()
          .method("POST").scheme("https").authority(host).path(path)
          .add("content-type", "application/grpc").add("te", "trailers");
      metadata.forEach((k, v) -> headers.add(k.toLowerCase(Locale.ROOT), v));
      stream.write(new DefaultHttp2HeadersFrame(headers, false));
      ByteBuf frame = Unpooled.buffer(5 + message.length);
      frame.writeByte(0).writeInt(message.length).writeBytes(message); // uncompressed message
      stream.writeAndFlush(new DefaultHttp2DataFrame(frame, true));
      return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      connection.close().sync();
    }
  }

  /** Collects one stream's headers, data and trailers. */
  private static final class ResponseCollector extends ChannelInboundHandlerAdapter {
    private final CompletableFuture<Response> done;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private Map<String, String> headers;

    ResponseCollector(CompletableFuture<Response> done) {
      this.done = done;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof Http2HeadersFrame frame) {
          Map<String, String> block = new LinkedHashMap<>();
          frame.headers().forEach(e -> block.put(e.getKey().toString(), e.getValue().toString()));
          if (headers == null) {
            headers = block;
            if (frame.isEndStream()) {
              finish(Map.of()); // trailers-only response: status in the headers
            }
          } else {
            finish(block);
          }
        } else if (msg instanceof Http2DataFrame frame) {
          byte[] bytes = new byte[frame.content().readableBytes()];
          frame.content().readBytes(bytes);
          data.writeBytes(bytes);
          if (frame.isEndStream()) {
            finish(Map.of());
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done.completeExceptionally(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      done.completeExceptionally(new IllegalStateException("stream closed without an end"));
    }

    private void finish(Map<String, String> trailers) {
      done.complete(new Response(headers == null ? Map.of() : headers, trailers,
          messages(data.toByteArray())));
    }

    private static List<byte[]> messages(byte[] body) {
      List<byte[]> messages = new ArrayList<>();
      ByteBuffer buffer = ByteBuffer.wrap(body);
      while (buffer.remaining() >= 5) {
        buffer.get(); // compressed flag: the gateway passes messages through untouched
        byte[] message = new byte[buffer.getInt()];
        buffer.get(message);
        messages.add(message);
      }
      return messages;
    }
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
