package io.grpcconformance.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.SampleServer.Kind;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.HeaderCapture;
import io.grpcconformance.samples.testing.RecordingObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Health is always served; reflection v1/v1alpha only with reflection on; unknown methods are
 * UNIMPLEMENTED.
 */
class HealthAndReflectionTest {

  private final Clients clients = new Clients();
  private SampleServer server;

  @AfterEach
  void stop() throws InterruptedException {
    clients.close();
    if (server != null) {
      server.close();
    }
  }

  private ManagedChannel start(Kind kind, boolean reflection) throws IOException {
    server = SampleServer.builder(kind).name(kind.cliName() + "-hr").reflection(reflection).start();
    return clients.plaintext(server.port());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void healthIsServingForTheServerAndTheService(Kind kind) throws IOException {
    ManagedChannel channel = start(kind, false);
    HeaderCapture capture = new HeaderCapture();
    HealthGrpc.HealthBlockingStub health =
        capture.on(HealthGrpc.newBlockingStub(channel)).withDeadlineAfter(10, TimeUnit.SECONDS);

    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(
            health
                .check(HealthCheckRequest.newBuilder().setService(kind.serviceName()).build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(capture.servedBy().name()).isEqualTo(kind.cliName() + "-hr");
    StatusRuntimeException unknown =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> health.check(HealthCheckRequest.newBuilder().setService("no.Such").build()));
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void reflectionV1ListsTheServices(Kind kind) throws IOException {
    ManagedChannel channel = start(kind, true);
    RecordingObserver<ServerReflectionResponse> observer = new RecordingObserver<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(observer);
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();

    assertThat(observer.awaitDone().isOk()).isTrue();
    List<String> services =
        observer.values().get(0).getListServicesResponse().getServiceList().stream()
            .map(ServiceResponse::getName)
            .toList();
    assertThat(services)
        .contains(
            kind.serviceName(),
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  @SuppressWarnings("deprecation") // the v1alpha API is deprecated but still served
  void reflectionV1alphaListsTheServices(Kind kind) throws IOException {
    ManagedChannel channel = start(kind, true);
    RecordingObserver<io.grpc.reflection.v1alpha.ServerReflectionResponse> observer =
        new RecordingObserver<>();
    var requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(observer);
    requests.onNext(
        io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
            .setListServices("")
            .build());
    requests.onCompleted();

    assertThat(observer.awaitDone().isOk()).isTrue();
    assertThat(observer.values().get(0).getListServicesResponse().getServiceList())
        .extracting(io.grpc.reflection.v1alpha.ServiceResponse::getName)
        .contains(kind.serviceName());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  @SuppressWarnings("deprecation")
  void reflectionIsUnimplementedWhenOff(Kind kind) throws IOException {
    ManagedChannel channel = start(kind, false);
    HeaderCapture capture = new HeaderCapture();
    RecordingObserver<ServerReflectionResponse> v1 = new RecordingObserver<>();
    capture
        .on(ServerReflectionGrpc.newStub(channel))
        .serverReflectionInfo(v1)
        .onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    RecordingObserver<io.grpc.reflection.v1alpha.ServerReflectionResponse> v1alpha =
        new RecordingObserver<>();
    io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(v1alpha)
        .onNext(
            io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
                .setListServices("")
                .build());

    assertThat(v1.awaitDone().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(v1alpha.awaitDone().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    // The backend's own UNIMPLEMENTED says who answered, unlike a gateway's.
    assertThat(capture.servedBy().name()).isEqualTo(kind.cliName() + "-hr");
    assertThat(capture.servedBy().method())
        .isEqualTo("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void unknownMethodIsUnimplementedWithServedBy(Kind kind) throws IOException {
    ManagedChannel channel = start(kind, false);
    HeaderCapture capture = new HeaderCapture();
    MethodDescriptor<byte[], byte[]> unknown =
        MethodDescriptor.<byte[], byte[]>newBuilder(RAW, RAW)
            .setFullMethodName(kind.serviceName() + "/NoSuchMethod")
            .setType(MethodDescriptor.MethodType.UNARY)
            .build();

    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                ClientCalls.blockingUnaryCall(
                    ClientInterceptors.intercept(channel, capture.interceptor()),
                    unknown,
                    CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                    new byte[0]));

    assertThat(error).isNotNull();
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    // Same description as grpc-java's built-in answer, plus the backend's identity.
    assertThat(error.getStatus().getDescription())
        .isEqualTo("Method not found: " + kind.serviceName() + "/NoSuchMethod");
    assertThat(capture.servedBy().name()).isEqualTo(kind.cliName() + "-hr");
    assertThat(capture.servedBy().method()).isEqualTo("/" + kind.serviceName() + "/NoSuchMethod");
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW =
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
}
