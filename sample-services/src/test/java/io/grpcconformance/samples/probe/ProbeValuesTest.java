package io.grpcconformance.samples.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The probe's value types: targets, durations and the output line both ways. */
class ProbeValuesTest {

  @Test
  void targetsParseIpv4NamesAndBracketedIpv6() {
    assertThat(ProbeTarget.parse("10.42.0.7:80")).isEqualTo(new ProbeTarget("10.42.0.7", 80));
    assertThat(ProbeTarget.parse("svc.ns:81")).isEqualTo(new ProbeTarget("svc.ns", 81));
    ProbeTarget v6 = ProbeTarget.parse("[fd00::7]:80");
    assertThat(v6).isEqualTo(new ProbeTarget("fd00::7", 80));
    assertThat(v6).hasToString("[fd00::7]:80");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", ":80", "host:", "host:x", "fd00::7:80", "[fd00::7]80", "h:0"})
  void badTargetsNameTheText(String text) {
    assertThatThrownBy(() -> ProbeTarget.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"2s,2000", "500ms,500", "1m,60000", "PT1.5S,1500", "3,3000", "pt2s,2000"})
  void durations(String text, long millis) {
    assertThat(ProbeDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void durationsFormatBack() {
    assertThat(ProbeDurations.format(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(ProbeDurations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(ProbeDurations.format(Duration.ofMinutes(2))).isEqualTo("2m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "-1s", "two seconds", "2h30", ""})
  void badDurationsAreRejected(String text) {
    assertThatThrownBy(() -> ProbeDurations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @Test
  void linesRoundTrip() {
    ProbeLine line =
        new ProbeLine(new ProbeTarget("fd00::1", 81), TcpOutcome.OK, Optional.of("SERVING"), 12);
    assertThat(line.format()).isEqualTo("PROBE [fd00::1]:81 tcp=ok grpc=SERVING ms=12");
    assertThat(ProbeLine.parse(line.format())).isEqualTo(line);
    ProbeLine tcpOnly =
        new ProbeLine(new ProbeTarget("10.0.0.1", 80), TcpOutcome.TIMEOUT, Optional.empty(), 2001);
    assertThat(ProbeLine.parse(tcpOnly.format())).isEqualTo(tcpOnly);
  }

  @Test
  void connectedNeedsTcpAndServingWhenAsked() {
    ProbeTarget t = new ProbeTarget("10.0.0.1", 80);
    assertThat(new ProbeLine(t, TcpOutcome.OK, Optional.empty(), 1).connected()).isTrue();
    assertThat(new ProbeLine(t, TcpOutcome.OK, Optional.of("SERVING"), 1).connected()).isTrue();
    assertThat(new ProbeLine(t, TcpOutcome.OK, Optional.of("UNIMPLEMENTED"), 1).connected())
        .isFalse();
    assertThat(new ProbeLine(t, TcpOutcome.REFUSED, Optional.of("-"), 1).connected()).isFalse();
  }

  @Test
  void blockedOutcomesAreTheOnesAPolicyProduces() {
    assertThat(TcpOutcome.TIMEOUT.blocked()).isTrue();
    assertThat(TcpOutcome.REFUSED.blocked()).isTrue();
    assertThat(TcpOutcome.UNREACHABLE.blocked()).isTrue();
    assertThat(TcpOutcome.DNS.blocked()).isFalse();
    assertThat(TcpOutcome.ERROR.blocked()).isFalse();
    assertThat(TcpOutcome.OK.blocked()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LISTENING greeter x 0.0.0.0:80",
        "PROBE 10.0.0.1:80 tcp=ok",
        "PROBE 10.0.0.1:80 tcp=maybe ms=1",
        "PROBE 10.0.0.1:80 tcp=ok ms=x",
        "PROBE 10.0.0.1:80 tcp=ok ms=1 color=red",
        "PROBE 10.0.0.1:80 tcp=ok tcp=ok ms=1",
        "PROBE nohost tcp=ok ms=1"
      })
  void badLinesAreRejectedWithTheLine(String text) {
    assertThatThrownBy(() -> ProbeLine.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }
}
