package io.grpcconformance.harness.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.testing.TestBackend;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReflectionClientTest {

  private static TestBackend backend;
  private static ReflectionClient client;

  @BeforeAll
  static void start() throws Exception {
    backend = TestBackend.plaintext("greeter-reflect");
    client =
        new ReflectionClient(
            Dial.plaintext(Address.loopback(backend.port()), null), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Test
  void listsServices() {
    assertThat(client.listServices().orFail("list"))
        .contains("helloworld.Greeter", "grpc.reflection.v1.ServerReflection");
  }

  @Test
  void describesAMethodAsGrpcurlDoes() {
    ReflectionClient.MethodDescription d =
        client.describe("helloworld.Greeter/SayHelloStreamReply").orFail("describe");
    assertThat(d.inputType()).isEqualTo("helloworld.HelloRequest");
    assertThat(d.outputType()).isEqualTo("helloworld.HelloReply");
    assertThat(d.serverStreaming()).isTrue();
    assertThat(d.clientStreaming()).isFalse();
    assertThat(d.signature())
        .isEqualTo(
            "rpc SayHelloStreamReply ( .helloworld.HelloRequest ) returns ( stream"
                + " .helloworld.HelloReply );");
  }

  @Test
  void invokesByNameWithJson() {
    ProbeResult r =
        client
            .invoke("helloworld.Greeter/SayHello", "{\"name\":\"dyn\"}", Map.of())
            .orFail("invoke");
    assertThat(r.code()).isEqualTo(Status.Code.OK);
    assertThat(r.responsesJson()).containsExactly("{\"message\":\"Hello dyn\"}");
  }

  @Test
  void unknownServiceOrMethod_isNotFound() {
    assertThat(client.describe("com.example.Missing/Nope").code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(client.describe("helloworld.Greeter/Nope").code()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void noReflectionServer_reportsTheStatus() {
    ReflectionClient nowhere =
        new ReflectionClient(Dial.plaintext(Address.loopback(1), null), Duration.ofSeconds(2));
    assertThat(nowhere.listServices().code()).isEqualTo(Status.Code.UNAVAILABLE);
  }
}
