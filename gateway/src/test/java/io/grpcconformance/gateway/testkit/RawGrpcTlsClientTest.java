package io.grpcconformance.gateway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpcconformance.samples.proto.user.LoginReply;
import io.grpcconformance.samples.proto.user.LoginRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end tests' non-grpc-java client, checked directly against a grpc-java TLS server,
 * so a failure there points at the gateway and not at the client.
 */
class RawGrpcTlsClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static SelfSignedCertificate certificate;
  private static NamedUserBackend backend;
  private static RawGrpcTlsClient client;

  @BeforeAll
  static void start() throws Exception {
    certificate = SelfSignedCertificate.generate("*.example.com", "example.com");
    backend = NamedUserBackend.start("tls-backend", true, certificate);
    client = new RawGrpcTlsClient(certificate.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    backend.close();
  }

  @Test
  void unaryCall_returnsMessageHeadersAndOkStatus() throws Exception {
    RawGrpcTlsClient.Response response = client.call(backend.port(), "foo.example.com",
        "/com.example.User/Login", Map.of("username", "alice"),
        LoginRequest.newBuilder().setUsername("alice").build().toByteArray(), TIMEOUT);

    assertThat(response.grpcStatus()).isZero();
    assertThat(response.header("x-backend-name")).isEqualTo("tls-backend");
    assertThat(LoginReply.parseFrom(response.messages().get(0)).getUsername()).isEqualTo("alice");
  }

  @Test
  void unknownMethod_isUnimplemented() throws Exception {
    RawGrpcTlsClient.Response response = client.call(backend.port(), "foo.example.com",
        "/com.example.User/Nope", Map.of(), new byte[0], TIMEOUT);

    assertThat(response.grpcStatus()).isEqualTo(12);
  }

  @Test
  void reflection_listsServices() throws Exception {
    RawGrpcTlsClient.Response response = client.call(backend.port(), "foo.example.com",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", Map.of(),
        ServerReflectionRequest.newBuilder().setListServices("").build().toByteArray(), TIMEOUT);

    assertThat(response.grpcStatus()).isZero();
    assertThat(ServerReflectionResponse.parseFrom(response.messages().get(0))
        .getListServicesResponse().getServiceList())
        .extracting(s -> s.getName()).contains("com.example.User");
  }

  @Test
  void hostOutsideTheCertificate_failsTheHandshake() {
    assertThatThrownBy(() -> client.call(backend.port(), "foo.example.org",
        "/com.example.User/Login", Map.of(), new byte[0], TIMEOUT))
        .hasStackTraceContaining("No subject alternative DNS name matching foo.example.org");
  }
}
