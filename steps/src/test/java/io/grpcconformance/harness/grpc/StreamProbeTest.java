package io.grpcconformance.harness.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamProbeTest {

  private static TestBackend backend;
  private final StreamProbe streams = new StreamProbe(GrpcProbe.forSamples());

  @BeforeAll
  static void start() throws Exception {
    backend = TestBackend.plaintext("greeter-stream");
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private ProbeRequest request(String method, String json) {
    return new ProbeRequest(
        Dial.plaintext(Address.loopback(backend.port()), null),
        method,
        json,
        Map.of(),
        Duration.ofSeconds(10));
  }

  @Test
  void serverStream_collectsEveryReplyInOrder() {
    ProbeResult r =
        streams.serverStream(
            request("helloworld.Greeter/SayHelloStreamReply", "{\"name\":\"s\",\"count\":5}"));
    assertThat(r.code()).isEqualTo(Status.Code.OK);
    assertThat(r.responsesJson()).hasSize(5);
    assertThat(r.responsesJson().get(4)).contains("\"index\":4");
  }

  @Test
  void slowConsumer_stillGetsEverything() {
    ProbeResult r =
        streams.serverStream(
            request("helloworld.Greeter/SayHelloStreamReply", "{\"name\":\"s\",\"count\":4000}"),
            Duration.ofMillis(200),
            Duration.ZERO);
    assertThat(r.code()).isEqualTo(Status.Code.OK);
    assertThat(r.responsesJson()).hasSize(4000);
  }

  @Test
  void cancel_endsTheCallCancelled() {
    ProbeResult r =
        streams.cancelServerStream(
            request("helloworld.Greeter/SayHelloStreamReply", "{\"name\":\"s\",\"count\":3}"),
            1,
            Duration.ofSeconds(5));
    assertThat(r.code()).isIn(Status.Code.CANCELLED, Status.Code.OK);
  }

  @Test
  void pingPong_getsEachReplyBeforeHalfClose() {
    ProbeResult r =
        streams.pingPong(
            request("helloworld.Greeter/SayHelloBidiStream", "{}"),
            List.of("{\"name\":\"a\"}", "{\"name\":\"b\"}", "{\"name\":\"c\"}"),
            Duration.ofSeconds(5));
    assertThat(r.code()).isEqualTo(Status.Code.OK);
    assertThat(r.responsesJson())
        .containsExactly(
            "{\"message\":\"Hello a\"}",
            "{\"message\":\"Hello b\",\"index\":1}",
            "{\"message\":\"Hello c\",\"index\":2}");
  }
}
