package io.grpcconformance.bench.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpcconformance.bench.client.BackendStats;
import io.grpcconformance.bench.client.ClientTransport;
import io.grpcconformance.bench.client.LatencyClient;
import io.grpcconformance.bench.client.LatencyResult;
import io.grpcconformance.bench.client.StreamingClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The echo backend and the Java drivers over real loopback sockets. */
class EchoBackendTest {
  private EchoBackend backend;
  private ClientTransport transport;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    backend = EchoBackend.start("127.0.0.1", 0);
    transport = new ClientTransport();
    channel = transport.channel("127.0.0.1", backend.port());
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    transport.close();
    backend.close();
  }

  @Test
  void anyMethodNameIsAUnaryEchoCountedOk() {
    byte[] payload = EchoMethods.payload(10);
    byte[] answer = ClientCalls.blockingUnaryCall(channel,
        EchoMethods.method("other.Service/Anything", io.grpc.MethodDescriptor.MethodType.UNARY),
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), payload);

    assertThat(answer).isEqualTo(payload);
    // The Stats call itself is not counted.
    assertThat(BackendStats.read(channel).okCalls()).isEqualTo(1);
    assertThat(BackendStats.read(channel).okCalls()).isEqualTo(1);
  }

  @Test
  void streamSendsTheRequestedMessagesAndTheClientCountsThem() throws Exception {
    StreamingClient.Result result =
        new StreamingClient(List.of(channel), 2, 50, 10).run(Duration.ofMillis(1));

    assertThat(result.errors()).isZero();
    assertThat(result.messages()).isEqualTo(result.streams() * 50).isPositive();
    BackendCounters.Snapshot stats = BackendStats.read(channel);
    assertThat(stats.streamMessages()).isEqualTo(result.messages());
    assertThat(stats.okCalls()).isEqualTo(result.streams());
  }

  @Test
  void latencyClientsRecordEveryOkCall() throws Exception {
    LatencyClient client = new LatencyClient(List.of(channel), 10);
    LatencyResult closed = client.closedLoop(Duration.ofMillis(200));
    LatencyResult open = client.openLoop(500, Duration.ofMillis(200));

    assertThat(closed.errors()).isZero();
    assertThat(closed.nanos().getTotalCount()).isEqualTo(closed.calls()).isPositive();
    assertThat(closed.micros(50)).isPositive();
    assertThat(open.errors()).isZero();
    assertThat(open.calls()).isEqualTo(100); // every call scheduled in 0.2 s at 500/s
    assertThat(BackendStats.read(channel).okCalls()).isEqualTo(closed.calls() + open.calls());
  }

  @Test
  void grpcFrameIsLengthPrefixed() {
    byte[] frame = EchoMethods.grpcFrame(EchoMethods.payload(10));
    assertThat(frame).hasSize(15);
    assertThat(frame[0]).isZero();
    assertThat(frame[4]).isEqualTo((byte) 10);
    assertThat(frame[5]).isEqualTo((byte) 0x0a);
    assertThat(frame[6]).isEqualTo((byte) 8);
  }
}
