package io.grpcconformance.gateway.dataplane;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloReply;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;

/** Shared plumbing of the data plane tests: backends, a data plane, client channels, cleanup. */
abstract class DataPlaneTestSupport {
  /** Drain timeout for test data planes: long enough for a call, short for teardown. */
  static final Duration TEST_DRAIN = Duration.ofSeconds(2);
  /** Per-call deadline of test clients. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  /** Longest wait for an asynchronous outcome (generous: the build machine is shared). */
  static final Duration WAIT = Duration.ofSeconds(30);
  /** How often a condition is polled. */
  static final Duration POLL = Duration.ofMillis(10);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** A unary call's outcome as the client saw it. */
  record Outcome(HelloReply reply, StatusRuntimeException error, Metadata headers,
      Metadata trailers) {
    String header(String name) {
      Metadata source = headers != null ? headers : trailers;
      return source == null ? null : source.get(ProxyHeaders.ascii(name));
    }

    /** Looks in trailers (where a trailers-only answer puts every header). */
    String trailer(String name) {
      return trailers == null ? null : trailers.get(ProxyHeaders.ascii(name));
    }
  }

  /** Awaitility, checking at once and then every {@link #POLL}, for up to {@link #WAIT}. */
  static ConditionFactory eventually() {
    return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(POLL);
  }

  TestBackend startBackend(String name) throws Exception {
    return closeLater(TestBackend.start(name));
  }

  DataPlane dataPlane(RoutingTable table) {
    return dataPlane(new DataPlaneConfig("127.0.0.1", true).withDrainTimeout(TEST_DRAIN), table);
  }

  DataPlane dataPlane(DataPlaneConfig config, RoutingTable table) {
    DataPlane dataPlane = closeLater(new DataPlane(config));
    dataPlane.apply(table);
    return dataPlane;
  }

  /** An h2c channel to the data plane's {@code declaredPort}, sending {@code authority}. */
  ManagedChannel channel(DataPlane dataPlane, int declaredPort, String authority) {
    ManagedChannel channel = NettyChannelBuilder
        .forAddress("127.0.0.1", dataPlane.boundPort(declaredPort))
        .usePlaintext()
        .overrideAuthority(authority)
        .flowControlWindow(1024 * 1024)
        .build();
    closeLater(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  /** One SayHello call with {@code requestHeaders}, capturing response headers and trailers. */
  static Outcome sayHello(ManagedChannel channel, String name, Metadata requestHeaders) {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel)
        .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(requestHeaders),
            MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
    try {
      HelloReply reply = stub.sayHello(HelloRequest.newBuilder().setName(name).build());
      return new Outcome(reply, null, headers.get(), trailers.get());
    } catch (StatusRuntimeException e) {
      return new Outcome(null, e, headers.get(), trailers.get());
    }
  }

  static Outcome sayHello(ManagedChannel channel, String name) {
    return sayHello(channel, name, new Metadata());
  }

  <T extends AutoCloseable> T closeLater(T resource) {
    resources.push(resource);
    return resource;
  }

  @AfterEach
  void closeResources() throws Exception {
    while (!resources.isEmpty()) {
      resources.pop().close();
    }
  }
}
