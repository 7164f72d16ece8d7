package io.grpcconformance.harness.expect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.samples.proto.echo.Header;
import io.grpcconformance.samples.proto.echo.RequestEcho;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectationTest {

  private static ProbeResult backend(
      Status.Code code, String name, String ns, List<String> replies, Header... echoed) {
    return new ProbeResult(
        code,
        "",
        Map.of(
            "x-served-by",
            List.of(name),
            "x-served-namespace",
            List.of(ns),
            "x-served-pod",
            List.of(name + "-abc-0")),
        Map.of(),
        Optional.of(
            RequestEcho.newBuilder()
                .setAuthority("a.example.com")
                .addAllHeaders(List.of(echoed))
                .build()),
        replies,
        Optional.empty(),
        Duration.ofMillis(5));
  }

  private static ProbeResult gateway(Status.Code code, boolean marked) {
    return new ProbeResult(
        code,
        "no route",
        Map.of(),
        marked ? Map.of("x-gateway-answer", List.of("unmatched")) : Map.of(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Duration.ofMillis(1));
  }

  private static Header h(String n, String v) {
    return Header.newBuilder().setName(n).setValue(v).build();
  }

  @Test
  void servedBy_checksStatusBackendAndNamespace() {
    ProbeResult r = backend(Status.Code.OK, "greeter-v1", "ns1", List.of());
    assertThatCode(() -> Expectation.servedBy("greeter-v1", "ns1").verify(r))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Expectation.servedBy("greeter-v2", "ns1").verify(r))
        .hasMessageContaining("expected backend greeter-v2 but got OK served by greeter-v1");
    assertThatThrownBy(() -> Expectation.servedBy("greeter-v1", "ns2").verify(r))
        .hasMessageContaining("namespace ns2");
  }

  @Test
  void gatewayAnswers_needsTheGatewaysMarkAndNoBackend() {
    assertThatCode(
            () ->
                Expectation.gatewayAnswers(Status.Code.UNIMPLEMENTED)
                    .verify(gateway(Status.Code.UNIMPLEMENTED, true)))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                Expectation.gatewayAnswers(Status.Code.UNIMPLEMENTED)
                    .verify(gateway(Status.Code.UNIMPLEMENTED, false)))
        .hasMessageContaining("x-gateway-answer");
    assertThatThrownBy(
            () ->
                Expectation.gatewayAnswers(Status.Code.UNIMPLEMENTED)
                    .verify(backend(Status.Code.UNIMPLEMENTED, "greeter-v1", "ns", List.of())))
        .hasMessageContaining("no backend answer");
  }

  @Test
  void backendHeaders_comeFromTheEcho() {
    ProbeResult r =
        backend(Status.Code.OK, "b", "n", List.of(), h("x-add", "one"), h("x-add", "two"));
    Expectation.backendReceived("X-Add", List.of("one", "two")).verify(r);
    Expectation.backendDidNotReceive("x-remove").verify(r);
    Expectation.backendSawAuthority("a.example.com").verify(r);
    assertThatThrownBy(() -> Expectation.backendReceived("x-add", List.of("one")).verify(r))
        .hasMessageContaining("saw [one, two]");
  }

  @Test
  void greetingsInOrder_readsTheIndexOfEachReply() {
    ProbeResult ok =
        backend(
            Status.Code.OK,
            "g",
            "n",
            List.of(
                "{\"message\":\"Hello\"}",
                "{\"message\":\"Hello\",\"index\":1}",
                "{\"message\":\"Hello\",\"index\":2}"));
    Expectation.greetingsInOrder(3, "g").verify(ok);
    ProbeResult swapped =
        backend(
            Status.Code.OK,
            "g",
            "n",
            List.of(
                "{\"message\":\"Hello\"}",
                "{\"message\":\"Hello\",\"index\":2}",
                "{\"message\":\"Hello\",\"index\":1}"));
    assertThatThrownBy(() -> Expectation.greetingsInOrder(3, "g").verify(swapped))
        .hasMessageContaining("reply 1 in order");
    assertThatThrownBy(() -> Expectation.greetingsInOrder(4, "g").verify(ok))
        .hasMessageContaining("4 replies (got 3)");
  }

  @Test
  void deadline_atTheBackendMustNotExceedTheClients() {
    Expectation e = Expectation.backendReceivedDeadline(Duration.ofMillis(300));
    e.verify(
        backend(Status.Code.DEADLINE_EXCEEDED, "g", "n", List.of(), h("grpc-timeout", "299871u")));
    assertThatThrownBy(
            () ->
                e.verify(
                    backend(
                        Status.Code.DEADLINE_EXCEEDED,
                        "g",
                        "n",
                        List.of(),
                        h("grpc-timeout", "2S"))))
        .hasMessageContaining("grpc-timeout 2S");
    assertThatThrownBy(() -> e.verify(backend(Status.Code.DEADLINE_EXCEEDED, "g", "n", List.of())))
        .hasMessageContaining("one grpc-timeout");
  }

  @Test
  void revealsNone_findsASecretAnywhereInTheResponse() {
    Expectation e = Expectation.revealsNone(List.of("alice-secret"));
    e.verify(backend(Status.Code.OK, "u", "n", List.of(), h("password", "redacted:sha256:00")));
    assertThatThrownBy(
            () ->
                e.verify(
                    backend(Status.Code.OK, "u", "n", List.of(), h("password", "alice-secret"))))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void cutShort_andStatusSets() {
    ProbeResult r = backend(Status.Code.CANCELLED, "g", "n", List.of("{}", "{}"));
    Expectation.cutShort(Status.Code.CANCELLED, 50).verify(r);
    Expectation.statusIn(List.of(Status.Code.UNKNOWN, Status.Code.CANCELLED)).verify(r);
    Expectation.notOk().verify(r);
    assertThat(Expectation.status(Status.Code.OK).and(Expectation.notOk()).description())
        .isEqualTo("status OK and any status but OK");
  }
}
